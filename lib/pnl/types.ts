/**
 * Public input and output types of the P&L engine (`computePnl`).
 *
 * Everything here is plain JSON: decimals are strings (`"12.34"`, `"-0.003334"`), dates are
 * `YYYY-MM-DD` trading dates in America/New_York, instants are ISO-8601 strings. A loader maps
 * database rows or an import into `PnlInput`; a writer persists `PnlResult`; a page renders it.
 * Changing a field here is an API change: add fields, do not repurpose them.
 */

export type OptionType = "call" | "put";
export type Side = "buy" | "sell";
export type PositionEffect = "open" | "close";
/** The side of a position: long (bought to open) or short (sold to open). */
export type Direction = "long" | "short";

/** An option contract. `strike` and `multiplier` are decimal strings; the multiplier is never assumed. */
export interface OptionContract {
  underlying: string;
  /** Expiration date, `YYYY-MM-DD`. */
  expiration: string;
  strike: string;
  optionType: OptionType;
  /** Shares per contract, usually "100" but adjusted and mini contracts differ. */
  multiplier: string;
}

/** One fill of one option leg. Cash flow: sell = +price × quantity × multiplier, buy = −(same); fees reduce it. */
export interface PnlExecution {
  /** Unique and stable across recomputes (broker id, or an import row key). Ties in FIFO break on it. */
  id: string;
  accountId: string;
  /** Order the fill belongs to, when known; legs of one order can form a one-order roll. */
  orderId?: string | null;
  legId?: string | null;
  contract: OptionContract;
  side: Side;
  positionEffect: PositionEffect;
  /** Contracts, a positive decimal string. */
  quantity: string;
  /** Premium per share, a non-negative decimal string. */
  price: string;
  /** Fees and commissions of this fill, a decimal string (positive reduces cash). */
  fees: string;
  /**
   * When the fill happened, an ISO-8601 instant. Sources that know only the date should give every
   * fill of a day the same instant; the engine then orders them by the same-instant rule (closes
   * that existing lots can satisfy, then opens, then the other closes).
   */
  executedAt: string;
  /** Trading date in America/New_York, `YYYY-MM-DD`. */
  tradeDate: string;
}

export type LifecycleType = "expiration" | "assignment" | "exercise";

/**
 * An expiration, assignment (of a short) or exercise (of a long). It closes option lots at zero
 * after the executions of its date; assignment and exercise also deliver stock at the strike.
 */
export interface PnlLifecycleEvent {
  id: string;
  accountId: string;
  type: LifecycleType;
  contract: OptionContract;
  /** Contracts, a positive decimal string. */
  quantity: string;
  /** Trading date of the event, `YYYY-MM-DD`. */
  date: string;
  /** Which position the event closes, when the source says so (Robinhood's `S` suffix). */
  direction?: Direction | null;
  /** Fees charged on the delivered stock, a decimal string (assignment and exercise only). */
  stockFees?: string | null;
}

/**
 * One fill of an equity trade: shares bought or sold outside an option event (an equity order, or a
 * CSV `Buy`/`Sell` row). Stock delivered by an assignment or exercise comes from the event instead,
 * so every share is counted once. Cash flow: sell = +price × quantity, buy = −(same); fees reduce it.
 */
export interface PnlStockTrade {
  /** Unique and stable across recomputes (broker execution id, or an import row key). */
  id: string;
  accountId: string;
  /** The equity order the fill belongs to, when known. */
  orderId?: string | null;
  /** Ticker of the shares, e.g. "AAPL". */
  symbol: string;
  side: Side;
  /** Shares, a positive decimal string (fractional shares allowed). */
  quantity: string;
  /** Price per share, a non-negative decimal string. */
  price: string;
  /** Fees of this fill, a decimal string (positive reduces cash). */
  fees: string;
  /** When the fill happened, an ISO-8601 instant (date-only sources give one instant per day). */
  executedAt: string;
  /** Trading date in America/New_York, `YYYY-MM-DD`. */
  tradeDate: string;
}

/**
 * A corporate action that changes the terms of open option positions without moving cash or
 * creating P&L. From its `date` on (the first trading date under the new terms), every open position
 * of the account in a contract on `symbol` continues in the adjusted contract: the same lots, the
 * same chain, with their premium and fees; whatever happens afterwards counts under the new contract.
 * Positions in contracts that expired before `date` are not touched.
 */
export type PnlCorporateAction = PnlRename | PnlSplit;

interface CorporateActionBase {
  /** Unique and stable across recomputes (broker id, or an import row key). */
  id: string;
  accountId: string;
  /** First trading date under the new terms, `YYYY-MM-DD`; applied before that day's fills. */
  date: string;
  /** The underlying before the action, e.g. "DMYD". */
  symbol: string;
}

/**
 * The underlying is re-rooted (a SPAC merger or ticker change, Robinhood's `OCA` rows): each contract
 * keeps its expiration, strike, type, multiplier and quantity under `newSymbol`.
 */
export interface PnlRename extends CorporateActionBase {
  type: "rename";
  newSymbol: string;
}

/**
 * A forward or reverse split: `sharesAfter` new shares for every `sharesBefore` old ones ("2" and "1"
 * for a 2-for-1, "1" and "10" for a 1-for-10 reverse split). The deliverable rule (see
 * docs/pnl-engine.md): a whole-number split multiplies the number of contracts and divides the
 * strike; any other ratio keeps the number of contracts and multiplies the multiplier (shares per
 * contract). Strikes are rounded to the cent, half-even; the premium of each lot is unchanged.
 */
export interface PnlSplit extends CorporateActionBase {
  type: "split";
  sharesAfter: string;
  sharesBefore: string;
}

export interface PnlInput {
  executions: readonly PnlExecution[];
  events: readonly PnlLifecycleEvent[];
  /** Equity purchases and sales; they share the stock ledger with assigned and exercised shares. */
  stockTrades?: readonly PnlStockTrade[];
  /** Renames and splits that carry open option positions into adjusted contracts. */
  corporateActions?: readonly PnlCorporateAction[];
  /** Latest option marks (price per share), keyed by `contractKey(contract)`. */
  marks: Readonly<Record<string, string>>;
  /** Latest stock prices by symbol, for the open positions of the stock ledger. */
  stockMarks?: Readonly<Record<string, string>>;
  /**
   * The trading date the result describes, supplied by the caller (the engine has no clock).
   * Contracts that expired before it without an event are closed as "expired (inferred)"; inputs
   * dated after it are left out and reported.
   */
  asOf: string;
}

/** How a lot was closed. */
export type CloseKind = "trade" | "expiration" | "expiration-inferred" | "assignment" | "exercise";

/** A quantity of one opening lot closed by one execution or event. */
export interface MatchedLot {
  accountId: string;
  contractKey: string;
  underlying: string;
  direction: Direction;
  openExecutionId: string;
  /** The closing execution, or null when an event closed the lot. */
  closeExecutionId: string | null;
  /** The closing event, or null when a trade closed the lot (also null for an inferred expiry). */
  closeEventId: string | null;
  closeKind: CloseKind;
  openedOn: string;
  closedOn: string;
  quantity: string;
  openPrice: string;
  closePrice: string;
  /** Fees of the opening and closing fills allocated to this quantity, pro rata. */
  openFees: string;
  closeFees: string;
  /** Net of fees. */
  realized: string;
  chainId: string;
  /**
   * This lot's number among the lots of its opening execution closed by the same closer (execution,
   * event, or an inferred expiry), 1, 2, … in this list's order: with the two ids, a lot's identity,
   * whatever the input. Almost always 1.
   */
  ordinal: number;
}

/** What remains open of one opening execution. */
export interface OpenLot {
  accountId: string;
  contractKey: string;
  underlying: string;
  direction: Direction;
  openExecutionId: string;
  openedOn: string;
  quantity: string;
  openPrice: string;
  /** Cash paid (negative) or received (positive) for this quantity, fees included. */
  openCash: string;
  mark: string | null;
  /** Signed: long positive, short negative. Null without a mark. */
  marketValue: string | null;
  unrealized: string | null;
  chainId: string;
}
