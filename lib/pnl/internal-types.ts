import type { Micro } from "@/lib/money";
import type { ContractRec } from "./contract";
import type { CloseKind, Direction, LifecycleType } from "./types";

/**
 * The engine's working records. Fills, books, episodes and matches are tables of columns (typed
 * arrays indexed by row number) rather than one object per row: a large history has millions of
 * them, and columns keep the replay's memory compact and give the garbage collector nothing to trace.
 * Every money column holds micros (see lib/money): exact integers, stored in a Float64Array only
 * because that is the array that holds every safe integer. Strings are formatted only when result
 * rows are read (see rows/).
 */

/** Direction codes: a book has one lot queue per direction, at `book * 2 + direction`. */
export const LONG = 0;
export const SHORT = 1;
export const DIRECTIONS: readonly Direction[] = ["long", "short"];

/** Close-kind codes (0 means "not closed"), so episodes and matches can hold them in a byte. */
export const CLOSE_KIND_CODES: readonly (CloseKind | null)[] = [
  null,
  "trade",
  "expiration",
  "expiration-inferred",
  "assignment",
  "exercise",
];
export const TRADE = 1;
export const EXPIRATION_INFERRED = 3;

export function closeKindCode(kind: CloseKind): number {
  return CLOSE_KIND_CODES.indexOf(kind);
}

export type { ContractRec };

/**
 * Fills, in input order. Bit flags say buy (1), open (2), and (4) that the fill shares its instant
 * with the kept fill before it, which the replay uses when the input is in time order.
 */
export interface FillTable {
  count: number;
  capacity: number;
  /** Execution ids. */
  id: string[];
  /** Order ids, by the index the `order` column holds. */
  orderIds: readonly string[];
  book: Int32Array;
  /** Index into `orderIds`, or −1 when the fill's order is not known. */
  order: Int32Array;
  /** The fill's instant, epoch milliseconds. */
  time: Float64Array;
  day: Int32Array;
  flags: Uint8Array;
  quantity: Float64Array;
  price: Float64Array;
  fees: Float64Array;
  /** Signed premium less fees (sell +, buy −); the premium itself is cash + fees (`premiumOf`). */
  cash: Float64Array;
  /**
   * An opening fill is its own lot: what is still open of it, with the premium and fees not yet
   * allocated to closes. `nextLot` links the lots of one queue, oldest first.
   */
  lotQuantity: Float64Array;
  lotGross: Float64Array;
  lotFees: Float64Array;
  nextLot: Int32Array;
  /** Closing quantity and cash that found lots (the rest is unmatched). */
  matchedQuantity: Float64Array;
  matchedCash: Float64Array;
  /** For an open: the episode it joined. For a close: the episode it consumed from. −1 for none. */
  episode: Int32Array;
}

export const BUY = 1;
export const OPEN = 2;
export const SAME_INSTANT_AS_PREVIOUS = 4;

/** Everything about one (account, contract): running sums, and its two lot queues. */
export interface BookTable {
  count: number;
  capacity: number;
  contract: ContractRec[];
  accountId: string[];
  /** The contract's expiration as a day number (a copy, so the replay reads a column, not a record). */
  expirationDay: Int32Array;
  /** Roll-grouping class of (account, underlying, option type); × 2 + direction. */
  rollClass: Int32Array;
  realized: Float64Array;
  fees: Float64Array;
  cashFlow: Float64Array;
  unrealized: Float64Array;
  /** Close-kind code of the last close, 0 before any. */
  lastCloseKind: Uint8Array;
  expiryApplied: Uint8Array;
  /** Set by valuation when open lots have no mark (then unrealized is unknown). */
  unmarked: Uint8Array;
  /** Per queue (`book * 2 + direction`): open quantity, oldest and newest lot, current episode. */
  queueOpen: Float64Array;
  queueHead: Int32Array;
  queueTail: Int32Array;
  queueEpisode: Int32Array;
}

/** One stretch of a position in one contract and direction, from opening until flat again. */
export interface EpisodeTable {
  count: number;
  capacity: number;
  book: Int32Array;
  direction: Uint8Array;
  firstOpen: Int32Array;
  /** Date text of the close that ended the episode (null while open). */
  closedOn: (string | null)[];
  outcome: Uint8Array;
  quantityOpened: Float64Array;
  /** Quantity closed by the event that ended the episode (for the breakeven of assigned chains). */
  finalEventQuantity: Float64Array;
  netCash: Float64Array;
  realized: Float64Array;
  fees: Float64Array;
  /** Filled in by valuation: what is still open, its unrealized P&L and whether a mark was missing. */
  quantityOpen: Float64Array;
  unrealized: Float64Array;
  unmarked: Uint8Array;
  /** Union-find parent (chains are connected episodes). */
  parent: Int32Array;
}

/** A quantity of one lot closed by one fill, event or inferred expiry. */
export interface MatchTable {
  count: number;
  capacity: number;
  lot: Int32Array;
  /** The closing fill, or −1. */
  closerFill: Int32Array;
  /** The closing event (index into the events list), or −1; both −1 for an inferred expiry. */
  closerEvent: Int32Array;
  kind: Uint8Array;
  episode: Int32Array;
  quantity: Float64Array;
  openFees: Float64Array;
  closeFees: Float64Array;
  realized: Float64Array;
}

export interface LifecycleRec {
  index: number;
  id: string;
  accountId: string;
  type: LifecycleType;
  book: number;
  quantity: Micro;
  day: string;
  dayNumber: number;
  direction: Direction | null;
  stockFees: Micro;
}

/** Where shares came from or went to: an equity trade, or the delivery of an option event. */
export type StockFlowKind = "trade" | "assignment" | "exercise";

/** Trades of a day come before the deliveries of option events of that day (see stock.ts). */
export const TRADE_PHASE = 0;
export const DELIVERY_PHASE = 1;

/** Shares bought or sold: by an equity trade, or delivered by an assignment or exercise. */
export interface StockFlow {
  kind: StockFlowKind;
  /** The trade's id, or the delivering event's id. */
  id: string;
  accountId: string;
  underlying: string;
  buy: boolean;
  shares: Micro;
  price: Micro;
  /** price × shares (unsigned); rounded half-even for a trade (STOCK_GROSS_ROUNDING), exact for a delivery. */
  gross: Micro;
  fees: Micro;
  day: string;
  dayNumber: number;
  phase: typeof TRADE_PHASE | typeof DELIVERY_PHASE;
  /** Milliseconds since the epoch of a trade's instant; 0 for a delivery (its phase orders it). */
  time: number;
  /** Filled in by the stock replay: realized P&L of the lots this flow closed. */
  realized: Micro;
  /** Filled in by the stock replay: signed shares held after this flow (long positive). */
  positionAfter: Micro;
  /** Filled in by the stock replay: cost of the long shares held after it, fees included. */
  longCostAfter: Micro;
}
