/**
 * Typed reads of one row of a column. The engine's tables index typed arrays and lists by row
 * number, and with `noUncheckedIndexedAccess` every such read is typed `T | undefined`; these say
 * once, here, that a row the engine made is always there, so the replay reads `f64(fills.cash, fill)`
 * instead of `fills.cash[fill] as number`.
 *
 * One function per element type, not one generic accessor: V8 keeps a property read fast while it
 * sees one or a few kinds of array, and a single accessor shared by every column would see all of
 * them (and fall back to its slow generic path everywhere).
 */

/** A row of a Float64Array column (micros, quantities, milliseconds). */
export function f64(column: Float64Array, row: number): number {
  return column[row] as number;
}

/** A row of an Int32Array column (row numbers, day numbers, indexes). */
export function i32(column: Int32Array, row: number): number {
  return column[row] as number;
}

/** A row of a Uint8Array column (flags and codes). */
export function u8(column: Uint8Array, row: number): number {
  return column[row] as number;
}

/** An entry of a list the engine filled itself (ids, records, texts). */
export function item<T>(list: readonly T[], row: number): T {
  return list[row] as T;
}
