import type { Micro } from "@/lib/money";
import type { CloseKind, Direction, LifecycleType, OptionType } from "./types";

/**
 * The engine's working records. They hold micros (see lib/money) and references instead of strings
 * so the hot loops never parse or look anything up twice; only the final step formats strings.
 */

export interface ContractRec {
  key: string;
  underlying: string;
  expiration: string;
  expirationDay: number;
  strike: Micro;
  strikeText: string;
  optionType: OptionType;
  multiplier: Micro;
  multiplierText: string;
  /** Books of this contract, one per account (usually exactly one). */
  books: Book[];
}

/** Everything about one (account, contract): its lot queues and running sums. */
export interface Book {
  accountId: string;
  contract: ContractRec;
  long: LotQueue;
  short: LotQueue;
  /** Roll-grouping ids of (account, underlying, option type, direction). */
  longClass: number;
  shortClass: number;
  realized: Micro;
  fees: Micro;
  cashFlow: Micro;
  lastCloseKind: CloseKind | null;
  expiryApplied: boolean;
  /** Filled in by valuation; `unmarked` when open lots have no mark (then unrealized is unknown). */
  unrealized: Micro;
  unmarked: boolean;
}

export interface Exec {
  id: string;
  accountId: string;
  orderId: string | null;
  book: Book;
  buy: boolean;
  open: boolean;
  quantity: Micro;
  price: Micro;
  /** `price` formatted once, shared by every match and lot row of this fill. */
  priceText: string;
  fees: Micro;
  /** Signed premium: sell +, buy −. */
  gross: Micro;
  /** gross − fees. */
  cash: Micro;
  day: string;
  dayNumber: number;
  instant: string;
  /** For an open: the episode it joined. For a close: the episode it consumed from. */
  episode: Episode | null;
  /**
   * An opening fill is its own lot (there is exactly one per opening fill): what is still open of it,
   * with the premium and fees not yet allocated to closes.
   */
  lotQuantity: Micro;
  lotGross: Micro;
  lotFees: Micro;
  /** Closing quantity and cash that found lots (the rest is unmatched). */
  matchedQuantity: Micro;
  matchedCash: Micro;
}

export interface LifecycleRec {
  id: string;
  accountId: string;
  type: LifecycleType;
  book: Book;
  quantity: Micro;
  day: string;
  dayNumber: number;
  direction: Direction | null;
  stockFees: Micro;
}

export interface LotQueue {
  direction: Direction;
  /** Opening fills with quantity still open, oldest first from `head`; null until the first open. */
  lots: Exec[] | null;
  head: number;
  openQuantity: Micro;
  episode: Episode | null;
}

/** One stretch of a position in one contract and direction, from opening until flat again. */
export interface Episode {
  index: number;
  book: Book;
  direction: Direction;
  firstOpen: Exec;
  openedOn: string;
  closedOn: string | null;
  outcome: CloseKind | null;
  quantityOpened: Micro;
  /** Quantity closed by the event that ended the episode (for the breakeven of assigned chains). */
  finalEventQuantity: Micro;
  netCash: Micro;
  realized: Micro;
  fees: Micro;
  /** Filled in by valuation: what is still open, its unrealized P&L and whether a mark was missing. */
  quantityOpen: Micro;
  unrealized: Micro;
  unmarked: boolean;
  /** Union-find parent index (chains are connected episodes). */
  parent: number;
}

/** Stock bought or sold by an assignment or exercise. */
export interface StockFlow {
  event: LifecycleRec;
  accountId: string;
  underlying: string;
  buy: boolean;
  shares: Micro;
  price: Micro;
  fees: Micro;
}
