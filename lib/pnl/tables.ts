import type { BookTable, EpisodeTable, FillTable, MatchTable } from "./internal-types";

/**
 * Allocation of the engine's tables. The replay's are sized to their bounds up front
 * (`createWorkTables`); the roll tables start small. Any table doubles if it fills up
 * (`reserveRow`). Columns start zeroed; the code that adds a row sets every column whose empty value
 * is not zero (−1 for "none").
 *
 * Columns share buffers. Typed arrays live outside the JavaScript heap, and V8 answers new external
 * memory (beyond 64 MB since the last collection) with a full collection of the whole heap, which
 * holds the caller's input too: allocating per column, or per table, would pay that many times.
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

/** Where each column of a table sits in a buffer: offsets for `capacity` rows, widest first (so all are aligned). */
function layoutColumns(capacity: number, spec: ColumnSpec) {
  const entries = Object.entries(spec).map(([name, type]) => {
    const [array, perRow] = Array.isArray(type) ? type : [type, 1];
    return { name, array, length: capacity * perRow, offset: 0 };
  });
  entries.sort((a, b) => b.array.BYTES_PER_ELEMENT - a.array.BYTES_PER_ELEMENT);
  let bytes = 0;
  for (const entry of entries) {
    entry.offset = bytes;
    bytes += entry.length * entry.array.BYTES_PER_ELEMENT;
  }
  // Rounded up to whole doubles, so the next table in a shared buffer starts aligned too.
  return { entries, bytes: Math.ceil(bytes / 8) * 8 };
}

type Layout = ReturnType<typeof layoutColumns>;

function viewColumns<S extends ColumnSpec>(layout: Layout, buffer: ArrayBuffer, start: number): Columns<S> {
  const columns: Record<string, TypedColumn> = {};
  for (const { name, array, length, offset } of layout.entries) {
    columns[name] = new array(buffer, start + offset, length);
  }
  return columns as Columns<S>;
}

/** Zeroed columns for `capacity` rows, all views of one new buffer. */
function packColumns<S extends ColumnSpec>(capacity: number, spec: S): Columns<S> {
  const layout = layoutColumns(capacity, spec);
  return viewColumns<S>(layout, new ArrayBuffer(layout.bytes), 0);
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

const FILL_COLUMNS = {
  book: Int32Array,
  order: Int32Array,
  time: Float64Array,
  day: Int32Array,
  flags: Uint8Array,
  quantity: Float64Array,
  price: Float64Array,
  fees: Float64Array,
  cash: Float64Array,
  lotQuantity: Float64Array,
  lotGross: Float64Array,
  lotFees: Float64Array,
  nextLot: Int32Array,
  matchedQuantity: Float64Array,
  matchedCash: Float64Array,
  episode: Int32Array,
} satisfies ColumnSpec;

const BOOK_COLUMNS = {
  expirationDay: Int32Array,
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
} satisfies ColumnSpec;

const EPISODE_COLUMNS = {
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
} satisfies ColumnSpec;

const MATCH_COLUMNS = {
  lot: Int32Array,
  closerFill: Int32Array,
  closerEvent: Int32Array,
  kind: Uint8Array,
  episode: Int32Array,
  quantity: Float64Array,
  openFees: Float64Array,
  closeFees: Float64Array,
  realized: Float64Array,
} satisfies ColumnSpec;

export interface WorkTables {
  fills: FillTable;
  books: BookTable;
  episodes: EpisodeTable;
  matches: MatchTable;
}

/**
 * The replay's four tables for a history of `executions` fills and `events` lifecycle events, carved
 * from one buffer. One allocation means at most one collection of the heap for all of them (see
 * above), where four tables, or a table growing mid-replay, would cost one each; with a large input
 * still alive, each such collection is the most expensive step of a run.
 *
 * Each table is sized to its bound, so none of them grows:
 * - a fill per execution;
 * - a book per (account, contract), at most one per execution or event;
 * - an episode per opening fill at most (each starts with one);
 * - a match per lot a closer consumes. Every match uses up its lot or ends its closer's quantity,
 *   and only fills and events end one (an inferred expiry takes every lot it meets), so there are at
 *   most as many as lots (opening fills) plus closing fills and events.
 * Pages no row reaches are never touched: a bound costs address space, not memory.
 */
export function createWorkTables(executions: number, events: number): WorkTables {
  const fillCapacity = Math.max(executions, 16);
  const bookCapacity = Math.max(executions + events, 16);
  const episodeCapacity = fillCapacity;
  const matchCapacity = bookCapacity;
  const fillLayout = layoutColumns(fillCapacity, FILL_COLUMNS);
  const bookLayout = layoutColumns(bookCapacity, BOOK_COLUMNS);
  const episodeLayout = layoutColumns(episodeCapacity, EPISODE_COLUMNS);
  const matchLayout = layoutColumns(matchCapacity, MATCH_COLUMNS);
  const buffer = new ArrayBuffer(
    fillLayout.bytes + bookLayout.bytes + episodeLayout.bytes + matchLayout.bytes,
  );
  // Each table takes the next stretch of the buffer.
  let start = 0;
  const carve = <S extends ColumnSpec>(layout: Layout): Columns<S> => {
    const columns = viewColumns<S>(layout, buffer, start);
    start += layout.bytes;
    return columns;
  };
  return {
    fills: {
      count: 0,
      capacity: fillCapacity,
      id: new Array(fillCapacity),
      orderIds: [],
      ...carve<typeof FILL_COLUMNS>(fillLayout),
    },
    books: {
      count: 0,
      capacity: bookCapacity,
      contract: new Array(bookCapacity),
      accountId: new Array(bookCapacity),
      ...carve<typeof BOOK_COLUMNS>(bookLayout),
    },
    episodes: {
      count: 0,
      capacity: episodeCapacity,
      closedOn: new Array(episodeCapacity),
      ...carve<typeof EPISODE_COLUMNS>(episodeLayout),
    },
    matches: {
      count: 0,
      capacity: matchCapacity,
      ...carve<typeof MATCH_COLUMNS>(matchLayout),
    },
  };
}
