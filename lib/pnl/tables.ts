import type { BookTable, EpisodeTable, FillTable, MatchTable } from "./internal-types";

/**
 * Allocation of the engine's tables. Fills are sized exactly; the others start small and double
 * when full (`reserveRow`), so memory follows what a history really holds rather than an upper
 * bound. Columns start zeroed; the code that adds a row sets every column whose empty value is not
 * zero (−1 for "none").
 */

type TypedColumn = Int32Array | Uint8Array | Float64Array;

/** Makes room for one more row and returns its index (the caller fills its columns). */
export function reserveRow(table: { count: number; capacity: number }): number {
  if (table.count === table.capacity) growColumns(table, table.capacity * 2);
  return table.count++;
}

function growColumns(table: { capacity: number }, capacity: number): void {
  const columns = table as unknown as Record<string, unknown>;
  for (const [name, column] of Object.entries(columns)) {
    if (!ArrayBuffer.isView(column)) continue;
    const typed = column as TypedColumn;
    // Queue columns hold two entries per row; every column keeps its own ratio to the row count.
    const perRow = typed.length / table.capacity;
    const grown = new (typed.constructor as new (length: number) => TypedColumn)(capacity * perRow);
    grown.set(typed);
    columns[name] = grown;
  }
  table.capacity = capacity;
}

export function createFillTable(capacity: number): FillTable {
  return {
    count: 0,
    capacity,
    raw: new Array(capacity),
    book: new Int32Array(capacity),
    day: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    quantity: new Float64Array(capacity),
    price: new Float64Array(capacity),
    fees: new Float64Array(capacity),
    gross: new Float64Array(capacity),
    cash: new Float64Array(capacity),
    lotQuantity: new Float64Array(capacity),
    lotGross: new Float64Array(capacity),
    lotFees: new Float64Array(capacity),
    nextLot: new Int32Array(capacity),
    matchedQuantity: new Float64Array(capacity),
    matchedCash: new Float64Array(capacity),
    episode: new Int32Array(capacity),
  };
}

export function createBookTable(guess: number): BookTable {
  const capacity = Math.max(guess, 16);
  return {
    count: 0,
    capacity,
    contract: [],
    accountId: [],
    rollClass: new Int32Array(capacity),
    realized: new Float64Array(capacity),
    fees: new Float64Array(capacity),
    cashFlow: new Float64Array(capacity),
    unrealized: new Float64Array(capacity),
    lastCloseKind: new Uint8Array(capacity),
    expiryApplied: new Uint8Array(capacity),
    unmarked: new Uint8Array(capacity),
    queueOpen: new Float64Array(capacity * 2),
    queueHead: new Int32Array(capacity * 2),
    queueTail: new Int32Array(capacity * 2),
    queueEpisode: new Int32Array(capacity * 2),
  };
}

export function createEpisodeTable(guess: number): EpisodeTable {
  const capacity = Math.max(guess, 16);
  return {
    count: 0,
    capacity,
    book: new Int32Array(capacity),
    direction: new Uint8Array(capacity),
    firstOpen: new Int32Array(capacity),
    closedOn: [],
    outcome: new Uint8Array(capacity),
    quantityOpened: new Float64Array(capacity),
    finalEventQuantity: new Float64Array(capacity),
    netCash: new Float64Array(capacity),
    realized: new Float64Array(capacity),
    fees: new Float64Array(capacity),
    quantityOpen: new Float64Array(capacity),
    unrealized: new Float64Array(capacity),
    unmarked: new Uint8Array(capacity),
    parent: new Int32Array(capacity),
  };
}

export function createMatchTable(guess: number): MatchTable {
  const capacity = Math.max(guess, 16);
  return {
    count: 0,
    capacity,
    lot: new Int32Array(capacity),
    closerFill: new Int32Array(capacity),
    closerEvent: new Int32Array(capacity),
    kind: new Uint8Array(capacity),
    episode: new Int32Array(capacity),
    quantity: new Float64Array(capacity),
    openFees: new Float64Array(capacity),
    closeFees: new Float64Array(capacity),
    realized: new Float64Array(capacity),
  };
}
