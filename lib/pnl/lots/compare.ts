import type { Exec } from "../internal-types";

/** Trade date, then instant; ids break ties only inside a same-instant batch. */
export function compareExecs(a: Exec, b: Exec): number {
  return compareTime(a, b) || compareIds(a.id, b.id);
}

export function compareTime(a: Exec, b: Exec): number {
  if (a.dayNumber !== b.dayNumber) return a.dayNumber - b.dayNumber;
  if (a.instant === b.instant) return 0;
  // Same-shaped UTC instants ("…Z", equal length) order as strings; anything else is parsed.
  if (a.instant.length === b.instant.length && a.instant.endsWith("Z") && b.instant.endsWith("Z")) {
    return a.instant < b.instant ? -1 : 1;
  }
  const difference = Date.parse(a.instant) - Date.parse(b.instant);
  if (Number.isNaN(difference) || difference === 0) return a.instant < b.instant ? -1 : 1;
  return difference;
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
