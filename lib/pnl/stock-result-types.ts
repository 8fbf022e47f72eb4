import type { Direction } from "./types";

/**
 * Open stock of one account and symbol, from the stock ledger (equity trades and the shares that
 * assignments and exercises deliver). Lots are all one direction, so they value as one position.
 */
export interface StockPosition {
  accountId: string;
  underlying: string;
  /** Shares, signed: negative only when more shares were sold (or delivered) than were held. */
  quantity: string;
  /** Quantity-weighted price per share of the open lots, fees excluded, rounded half-even to 6 places. */
  averagePrice: string;
  /** Cash of the open lots, fees included: negative for a long (paid), positive for a short (received). */
  openCash: string;
  mark: string | null;
  marketValue: string | null;
  unrealized: string | null;
  direction: Direction;
  /**
   * Cost basis of the open shares, fees included, as a positive amount: cash paid for a long,
   * proceeds received for a short (the magnitude of `openCash`). Option premium is not folded in.
   */
  costBasis: string;
  /** `costBasis` per share, rounded half-even to 6 places. */
  costBasisPerShare: string;
  /** Trading date of the oldest open lot. */
  openedOn: string;
}

/** Where stock in the ledger came from or went to. */
export type StockSourceKind = "trade" | "assignment" | "exercise";

/** A quantity of one stock lot closed by one trade or delivery. */
export interface StockMatch {
  accountId: string;
  underlying: string;
  direction: Direction;
  /** The delivering event that opened the lot; null when a trade opened it (see `openTradeId`). */
  openEventId: string | null;
  /** The delivering event that closed the lot; null when a trade closed it (see `closeTradeId`). */
  closeEventId: string | null;
  openedOn: string;
  closedOn: string;
  quantity: string;
  openPrice: string;
  closePrice: string;
  realized: string;
  openKind: StockSourceKind;
  closeKind: StockSourceKind;
  /** The equity trade that opened the lot; null when an event delivered it. */
  openTradeId: string | null;
  /** The equity trade that closed the lot; null when an event delivered the closing shares. */
  closeTradeId: string | null;
  /** Fees of the opening and closing flows allocated to this quantity, pro rata. */
  openFees: string;
  closeFees: string;
}

export type WheelCycleStatus = "open" | "closed";

/**
 * One turn of the wheel on one account and underlying: from the first short put or share purchase
 * until no shares, short puts or short calls of it are held (rules in docs/pnl-engine.md).
 */
export interface WheelCycle {
  /** Stable: derived from the account, underlying and the id of the fill or trade that started it. */
  id: string;
  accountId: string;
  underlying: string;
  status: WheelCycleStatus;
  startedOn: string;
  /** Trading date the cycle closed; null while open. */
  endedOn: string | null;
  /** Calendar days from start to end, or to `asOf` while open. */
  days: number;
  /** Option cash of the underlying's options filled during the cycle, fees included (credit positive). */
  premiumCollected: string;
  /** Realized option P&L of lots closed during the cycle (expiries and assignments included). */
  optionRealized: string;
  /** Realized stock P&L of shares sold or called away during the cycle. */
  stockRealized: string;
  /** optionRealized + stockRealized. */
  realized: string;
  /** Long shares held at the end of the cycle (now, while open). */
  sharesHeld: string;
  /** Cost of the shares held, fees included; null when none are held. */
  costBasis: string | null;
  costBasisPerShare: string | null;
  /** (costBasis − premiumCollected) / sharesHeld, half-even to 6 places; null when none are held. */
  netCostBasisPerShare: string | null;
  /**
   * The most capital the cycle needed at any moment: strike × multiplier × contracts of the short
   * puts open, plus the cost of the shares held (short calls are covered by those shares).
   */
  capitalTiedUp: string;
  /** realized / capitalTiedUp as a fraction (0.0125 = 1.25 %), half-even to 6 places; null without capital. */
  returnOnCapital: string | null;
  /** Short puts assigned (contracts) and short calls assigned (contracts) during the cycle. */
  putsAssigned: string;
  callsAssigned: string;
}
