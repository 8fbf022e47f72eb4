import { f64, i32 } from "../cells";
import { fillId } from "../fill-fields";
import type { FillTable } from "../internal-types";

/** Trade date, then instant; ids break ties only inside a same-instant batch. */
export function compareFills(fills: FillTable, a: number, b: number): number {
  return compareFillTime(fills, a, b) || compareIds(fillId(fills, a), fillId(fills, b));
}

/** Trade date, then instant (milliseconds). */
export function compareFillTime(fills: FillTable, a: number, b: number): number {
  return i32(fills.day, a) - i32(fills.day, b) || f64(fills.time, a) - f64(fills.time, b);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * By opening date (`YYYY-MM-DD`), then id: the order of the result's chain and strategy rows. Defined
 * once, like every comparator of the engine: one made per call is compiled again after every recompute.
 */
export function compareOpeningThenId(
  a: { openedOn: string; id: string },
  b: { openedOn: string; id: string },
): number {
  return a.openedOn === b.openedOn ? compareIds(a.id, b.id) : a.openedOn < b.openedOn ? -1 : 1;
}
