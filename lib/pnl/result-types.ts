import type { CloseKind, Direction, MatchedLot, OpenLot, OptionType } from "./types";

/** An open option position: the open lots of one account, contract and direction taken together. */
export interface OpenPosition {
  accountId: string;
  contractKey: string;
  underlying: string;
  expiration: string;
  strike: string;
  optionType: OptionType;
  multiplier: string;
  direction: Direction;
  /** Contracts, signed: long positive, short negative. */
  quantity: string;
  /** Quantity-weighted opening premium per share, fees excluded, rounded half-even to 6 places. */
  averagePrice: string;
  openCash: string;
  mark: string | null;
  marketValue: string | null;
  unrealized: string | null;
}

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

export interface ContractSummary {
  accountId: string;
  contractKey: string;
  underlying: string;
  expiration: string;
  strike: string;
  optionType: OptionType;
  multiplier: string;
  realized: string;
  unrealized: string | null;
  fees: string;
  cashFlow: string;
  /** Signed open quantity (long minus short). */
  openQuantity: string;
  /** How the last lot closed, or "open" while any lot is open. */
  status: "open" | CloseKind;
}

export interface UnderlyingSummary {
  underlying: string;
  /** Options only, net of fees. */
  realized: string;
  unrealized: string | null;
  fees: string;
  cashFlow: string;
  /** Realized stock P&L (equity trades and delivered shares), kept apart from the option figures. */
  stockRealized: string;
}

export interface DaySummary {
  date: string;
  realized: string;
  fees: string;
  cashFlow: string;
  stockRealized: string;
}

export type RollExpiryMove = "out" | "in" | "same";
export type RollStrikeMove = "up" | "down" | "same";
export type RollCashKind = "credit" | "debit" | "even";

export interface RollContractRef {
  contractKey: string;
  expiration: string;
  strike: string;
}

/** One roll: quantity closed in one contract and reopened in another, on one trading day. */
export interface Roll {
  id: string;
  date: string;
  from: RollContractRef;
  to: RollContractRef;
  closeQuantity: string;
  openQuantity: string;
  /** Close and open cash of the rolled quantities, fees included; positive is a credit. */
  netCash: string;
  cashKind: RollCashKind;
  expiry: RollExpiryMove;
  strike: RollStrikeMove;
  /** "out", "up and out", "down and in", … */
  label: string;
  /** True when the closing and opening legs belong to one order. */
  oneOrder: boolean;
  closeExecutionIds: string[];
  openExecutionIds: string[];
}

export type ChainStatus = "open" | "closed" | "expired" | "assigned" | "exercised";

/** One contract position inside a chain, from the moment it opened until it was flat again. */
export interface ChainLeg {
  contractKey: string;
  expiration: string;
  strike: string;
  optionType: OptionType;
  openedOn: string;
  closedOn: string | null;
  quantityOpened: string;
  quantityOpen: string;
  outcome: "open" | CloseKind;
  netCash: string;
  realized: string;
}

export interface RollChain {
  /** Stable: derived from the account and the first opening execution's id. */
  id: string;
  accountId: string;
  underlying: string;
  optionType: OptionType;
  side: Direction;
  status: ChainStatus;
  /** True when the chain ended by an expiry that no event confirmed. */
  expiryInferred: boolean;
  openedOn: string;
  closedOn: string | null;
  /** Calendar days from the first open to the last close, or to `asOf` while open. */
  daysHeld: number;
  rolls: Roll[];
  /** All option cash of the chain, fees included: premium collected minus premium paid. */
  netPremium: string;
  realized: string;
  /** Of the open tail; null when a tail contract has no mark. */
  unrealized: string | null;
  fees: string;
  /**
   * Underlying price at which the chain breaks even at expiry after all rolls (strike of the open
   * or assigned contract shifted by the net premium per share); null when closed or ambiguous.
   */
  breakeven: string | null;
  legs: ChainLeg[];
}

export type PnlIssueCode =
  | "close-without-position"
  | "event-without-position"
  | "expired-inferred"
  | "execution-after-expiration"
  | "after-as-of"
  | "missing-mark";

/** Something in the input the engine could not account for the usual way; never silent. */
export interface PnlIssue {
  code: PnlIssueCode;
  message: string;
  accountId: string;
  contractKey: string;
  executionId?: string;
  eventId?: string;
  /** Set on issues about an equity trade; `contractKey` then holds the trade's symbol. */
  stockTradeId?: string;
  quantity?: string;
}

export interface Reconciliation {
  realized: string;
  unrealized: string;
  cashFlow: string;
  marketValue: string;
  /** Cash of closing quantity that had no open lot (its opening trade is not in the input). */
  unmatchedCloseCash: string;
  /** Open cash of positions without a mark, which have no market value or unrealized figure. */
  unmarkedOpenCash: string;
  /** realized + unrealized − (cashFlow − unmatchedCloseCash − unmarkedOpenCash + marketValue); zero. */
  difference: string;
  holds: boolean;
}

export interface PnlTotals {
  realized: string;
  unrealized: string;
  fees: string;
  cashFlow: string;
  marketValue: string;
  openPositions: number;
  unmarkedPositions: number;
  stockRealized: string;
  stockUnrealized: string;
  stockCashFlow: string;
}

export interface PnlResult {
  engineVersion: string;
  asOf: string;
  totals: PnlTotals;
  contracts: ContractSummary[];
  byUnderlying: UnderlyingSummary[];
  byDay: DaySummary[];
  matches: MatchedLot[];
  openLots: OpenLot[];
  openPositions: OpenPosition[];
  stockPositions: StockPosition[];
  stockMatches: StockMatch[];
  chains: RollChain[];
  /** Wheel cycles per account and underlying, oldest first (built on first read, like `chains`). */
  wheelCycles: WheelCycle[];
  issues: PnlIssue[];
  reconciliation: { options: Reconciliation; stock: Reconciliation };
}
