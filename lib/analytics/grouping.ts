import { daysFrom, isoWeekOf } from "./calendar-days";
import type { ClosedPosition } from "./closed-position";

/**
 * How statistics are grouped. Time groupings use the close date: a position's result belongs to the
 * period in which it became known, as realized P&L does.
 */
export const GROUPINGS = ["year", "month", "week", "underlying", "strategy", "dte"] as const;
export type Grouping = (typeof GROUPINGS)[number];

export const GROUPING_NAMES: Record<Grouping, string> = {
  year: "Year",
  month: "Month",
  week: "Week",
  underlying: "Underlying",
  strategy: "Strategy",
  dte: "Days to expiration at open",
};

/**
 * Days-to-expiration buckets at open, inclusive bounds. The edges follow how premium sellers trade:
 * same-day, weeklies, up to three weeks, the 30–45 day window, and longer-dated.
 */
export const DTE_BUCKETS = [
  { key: "0", label: "0 DTE", min: 0, max: 0 },
  { key: "1-7", label: "1–7 days", min: 1, max: 7 },
  { key: "8-21", label: "8–21 days", min: 8, max: 21 },
  { key: "22-45", label: "22–45 days", min: 22, max: 45 },
  { key: "46-90", label: "46–90 days", min: 46, max: 90 },
  { key: "91+", label: "91 days or more", min: 91, max: Number.POSITIVE_INFINITY },
] as const;

export const UNKNOWN_GROUP = "unknown";

/** Days from the first open to the first contract's expiration; null when the expiration is unknown. */
export function daysToExpirationAtOpen(position: ClosedPosition): number | null {
  if (position.firstExpiration === null) return null;
  return Math.max(0, daysFrom(position.openedOn, position.firstExpiration));
}

export function dteBucketOf(days: number | null): string {
  if (days === null) return UNKNOWN_GROUP;
  return DTE_BUCKETS.find((bucket) => days >= bucket.min && days <= bucket.max)?.key ?? UNKNOWN_GROUP;
}

/** The group a position falls in: "2025", "2025-03", "2025-W07", "SOFI", "bull-put-spread", "22-45". */
export function groupKeyOf(position: ClosedPosition, grouping: Grouping): string {
  switch (grouping) {
    case "year":
      return position.closedOn.slice(0, 4);
    case "month":
      return position.closedOn.slice(0, 7);
    case "week":
      return isoWeekOf(position.closedOn);
    case "underlying":
      return position.underlying;
    case "strategy":
      return position.strategy ?? UNKNOWN_GROUP;
    case "dte":
      return dteBucketOf(daysToExpirationAtOpen(position));
  }
}

/** Groups in reading order: periods newest first, DTE buckets shortest first, names alphabetically. */
export function compareGroupKeys(grouping: Grouping, a: string, b: string): number {
  if (a === UNKNOWN_GROUP || b === UNKNOWN_GROUP) return a === b ? 0 : a === UNKNOWN_GROUP ? 1 : -1;
  if (grouping === "year" || grouping === "month" || grouping === "week") return a < b ? 1 : a > b ? -1 : 0;
  if (grouping === "dte") {
    const order = DTE_BUCKETS.map((bucket) => bucket.key as string);
    return order.indexOf(a) - order.indexOf(b);
  }
  return a < b ? -1 : a > b ? 1 : 0;
}
