import type { BookTable, EpisodeTable, FillTable, MatchTable } from "./internal-types";

/**
 * Allocation of the engine's tables. Fills are sized exactly; the others start from a close guess
 * and double when full (`reserveRow`). Columns start zeroed; the code that adds a row sets every
 * column whose empty value is not zero (−1 for "none").
 *
 * All columns of a table share one ArrayBuffer. Typed arrays live outside the JavaScript heap, and
 * V8 answers every 64 MB of new external memory with a full collection of the whole heap — one
 * allocation per table instead of one per column keeps that to about one collection per table.
 */

type TypedColumn = Int32Array | Uint8Array | Float64Array;
type ColumnType = typeof Int32Array | typeof Uint8Array | typeof Float64Array;
/** A column's array type, and how many entries it holds per row (queue columns hold two). */
type ColumnSpec = Record<string, ColumnType | [ColumnType, number]>;

type Columns<S extends ColumnSpec> = {
  [K in keyof S]: S[K] extends [infer T extends ColumnType, number]
    ? InstanceType<T>
    : S[K] extends ColumnType
      ? InstanceType<S[K]>
      : never;
};

/** Zeroed columns for `capacity` rows, all views of one buffer (widest first, so all are aligned). */
function packColumns<S extends ColumnSpec>(capacity: number, spec: S): Columns<S> {
  const entries = Object.entries(spec).map(([name, type]) => {
    const [array, perRow] = Array.isArray(type) ? type : [type, 1];
    return { name, array, length: capacity * perRow };
  });
  entries.sort((a, b) => b.array.BYTES_PER_ELEMENT - a.array.BYTES_PER_ELEMENT);
  const bytes = entries.reduce((total, entry) => total + entry.length * entry.array.BYTES_PER_ELEMENT, 0);
  const buffer = new ArrayBuffer(bytes);
  const columns: Record<string, TypedColumn> = {};
  let offset = 0;
  for (const { name, array, length } of entries) {
    columns[name] = new array(buffer, offset, length);
    offset += length * array.BYTES_PER_ELEMENT;
  }
  return columns as Columns<S>;
}

/** Makes room for one more row and returns its index (the caller fills its columns). */
export function reserveRow(table: { count: number; capacity: number }): number {
  if (table.count === table.capacity) growColumns(table, table.capacity * 2);
  return table.count++;
}

function growColumns(table: { capacity: number }, capacity: number): void {
  const fields = table as unknown as Record<string, unknown>;
  const spec: ColumnSpec = {};
  for (const [name, column] of Object.entries(fields)) {
    if (!ArrayBuffer.isView(column)) continue;
    const typed = column as TypedColumn;
    spec[name] = [typed.constructor as ColumnType, typed.length / table.capacity];
  }
  for (const [name, grown] of Object.entries<TypedColumn>(packColumns(capacity, spec))) {
    grown.set(fields[name] as TypedColumn);
    fields[name] = grown;
  }
  table.capacity = capacity;
}

export function createFillTable(capacity: number): FillTable {
  return {
    count: 0,
    capacity,
    raw: new Array(capacity),
    ...packColumns(capacity, {
      book: Int32Array,
      day: Int32Array,
      flags: Uint8Array,
      quantity: Float64Array,
      price: Float64Array,
      fees: Float64Array,
      gross: Float64Array,
      cash: Float64Array,
      lotQuantity: Float64Array,
      lotGross: Float64Array,
      lotFees: Float64Array,
      nextLot: Int32Array,
      matchedQuantity: Float64Array,
      matchedCash: Float64Array,
      episode: Int32Array,
    }),
  };
}

export function createBookTable(guess: number): BookTable {
  const capacity = Math.max(guess, 16);
  return {
    count: 0,
    capacity,
    contract: new Array(capacity),
    accountId: new Array(capacity),
    ...packColumns(capacity, {
      rollClass: Int32Array,
      realized: Float64Array,
      fees: Float64Array,
      cashFlow: Float64Array,
      unrealized: Float64Array,
      lastCloseKind: Uint8Array,
      expiryApplied: Uint8Array,
      unmarked: Uint8Array,
      queueOpen: [Float64Array, 2],
      queueHead: [Int32Array, 2],
      queueTail: [Int32Array, 2],
      queueEpisode: [Int32Array, 2],
    }),
  };
}

export function createEpisodeTable(guess: number): EpisodeTable {
  const capacity = Math.max(guess, 16);
  return {
    count: 0,
    capacity,
    closedOn: new Array(capacity),
    ...packColumns(capacity, {
      book: Int32Array,
      direction: Uint8Array,
      firstOpen: Int32Array,
      outcome: Uint8Array,
      quantityOpened: Float64Array,
      finalEventQuantity: Float64Array,
      netCash: Float64Array,
      realized: Float64Array,
      fees: Float64Array,
      quantityOpen: Float64Array,
      unrealized: Float64Array,
      unmarked: Uint8Array,
      parent: Int32Array,
    }),
  };
}

export function createMatchTable(guess: number): MatchTable {
  const capacity = Math.max(guess, 16);
  return {
    count: 0,
    capacity,
    ...packColumns(capacity, {
      lot: Int32Array,
      closerFill: Int32Array,
      closerEvent: Int32Array,
      kind: Uint8Array,
      episode: Int32Array,
      quantity: Float64Array,
      openFees: Float64Array,
      closeFees: Float64Array,
      realized: Float64Array,
    }),
  };
}
