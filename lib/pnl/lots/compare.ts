import { i32 } from "../cells";
import type { FillTable } from "../internal-types";
import type { PnlExecution } from "../types";

/** Trade date, then instant; ids break ties only inside a same-instant batch. */
export function compareFills(fills: FillTable, a: number, b: number): number {
  return (
    compareFillTime(fills, a, b) ||
    compareIds((fills.raw[a] as PnlExecution).id, (fills.raw[b] as PnlExecution).id)
  );
}

export function compareFillTime(fills: FillTable, a: number, b: number): number {
  const dayA = i32(fills.day, a);
  const dayB = i32(fills.day, b);
  if (dayA !== dayB) return dayA - dayB;
  return compareInstants(
    (fills.raw[a] as PnlExecution).executedAt,
    (fills.raw[b] as PnlExecution).executedAt,
  );
}

function compareInstants(a: string, b: string): number {
  if (a === b) return 0;
  // Same-shaped UTC instants ("…Z", equal length) order as strings; anything else is parsed.
  if (a.length === b.length && a.endsWith("Z") && b.endsWith("Z")) return a < b ? -1 : 1;
  const difference = Date.parse(a) - Date.parse(b);
  if (Number.isNaN(difference) || difference === 0) return a < b ? -1 : 1;
  return difference;
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
