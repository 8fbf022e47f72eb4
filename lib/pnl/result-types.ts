import type { StockMatch, StockPosition, WheelCycle } from "./stock-result-types";
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

/** The stock ledger's and the wheel's rows live beside this file. */
export type * from "./stock-result-types";

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
  /** Long (bought to open) or short (sold to open): legs of a multi-leg chain differ. */
  direction: Direction;
}

/**
 * A strategy's label, read from the legs opened together (rules in lib/pnl/strategies/strategy-rules.ts,
 * documented in docs/pnl-engine.md). Verticals name their kind; credit or debit is in the name too.
 */
export type StrategyLabel =
  | "long-call"
  | "short-call"
  | "long-put"
  | "short-put"
  | "cash-secured-put"
  | "covered-call"
  | "bull-call-spread"
  | "bear-call-spread"
  | "bull-put-spread"
  | "bear-put-spread"
  | "long-straddle"
  | "short-straddle"
  | "long-strangle"
  | "short-strangle"
  | "iron-condor"
  | "iron-butterfly"
  | "butterfly"
  | "calendar"
  | "diagonal"
  | "ratio"
  | "custom";

/** One leg of a strategy position: what it opened in one contract and direction. */
export interface StrategyLeg {
  contractKey: string;
  expiration: string;
  strike: string;
  optionType: OptionType;
  direction: Direction;
  /** Contracts opened in this leg by the position's opening fills. */
  quantity: string;
}

/**
 * Legs opened together: the fills of one order, or for a source without orders the same account,
 * underlying and instant (else the same trading day with matching quantities).
 */
export interface StrategyPosition {
  /** Stable: derived from the account and the position's first opening fill. */
  id: string;
  accountId: string;
  underlying: string;
  label: StrategyLabel;
  openedOn: string;
  /** The order that opened it, when the source has orders. */
  orderId: string | null;
  /** Premium of the opening fills, fees included: positive is a credit. */
  openingCash: string;
  cashKind: RollCashKind;
  /** True when its legs were opened by a roll (the structure a roll moved into). */
  byRoll: boolean;
  legs: StrategyLeg[];
  /** The chain its legs belong to. */
  chainId: string;
  openExecutionIds: string[];
}

/**
 * A leg of a multi-leg chain that ended (closed by a trade, assigned or exercised, not rolled)
 * while other legs of the chain stayed open: legging out, a partial close of the structure.
 */
export interface LegOut {
  date: string;
  contractKey: string;
  expiration: string;
  strike: string;
  optionType: OptionType;
  direction: Direction;
  quantity: string;
  outcome: "trade" | "assignment" | "exercise";
}

/** One side of a chain adjustment: the contract and the quantity held in it. */
export interface AdjustedContractRef {
  contractKey: string;
  underlying: string;
  expiration: string;
  strike: string;
  multiplier: string;
  /** Contracts held in this contract when the action took effect. */
  quantity: string;
}

/**
 * A corporate action that moved an open position of the chain into an adjusted contract: a step of
 * the chain that involves no cash and no P&L (the lots, their premium and fees carry over).
 */
export interface ChainAdjustment {
  /** The input action's id. */
  actionId: string;
  type: "rename" | "split";
  /** The first trading date under the new terms. */
  date: string;
  from: AdjustedContractRef;
  to: AdjustedContractRef;
  /** "renamed DMYD → GENI", "split 2:1". */
  label: string;
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
  /** Label of the strategy the chain opened with (its first strategy position). */
  strategy: StrategyLabel;
  /** Legs closed early while others stayed open, in date order (empty for single-leg chains). */
  legOuts: LegOut[];
  /**
   * Renames and splits that moved the chain's position, in date order (empty for most chains). After
   * a rename the chain's `underlying` is the new symbol, and legs show the contract they ended in.
   */
  adjustments: ChainAdjustment[];
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
  /** Every strategy position (legs opened together), by opening date then id. */
  strategies: StrategyPosition[];
  issues: PnlIssue[];
  reconciliation: { options: Reconciliation; stock: Reconciliation };
}
