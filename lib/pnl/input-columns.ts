import type { PnlCorporateAction, PnlLifecycleEvent, PnlStockTrade } from "./types";

/**
 * The engine's columnar input: what a loader that reads database rows hands `computePnl`, so no fill
 * is parsed, allocated or compared as text inside the engine. Every value is already a number of the
 * engine's own kind: money and quantities in micros (safe integers, see lib/money), dates as day
 * numbers (days since 1970-01-01, `dayNumber`), instants as epoch milliseconds. Accounts, contracts
 * and orders are interned once by the loader (one entry per database row) and fills point at them
 * by index.
 *
 * `PnlInput` (objects with decimal strings) stays the engine's plain-JSON form for the CLI, the
 * importers and the tests; `toPnlColumns` turns it into this, and `computePnl` gives the same result
 * for either (tests/unit/pnl/columnar-input.test.ts compares them). Lifecycle events, stock trades
 * and corporate actions are far fewer than fills and keep their object form here.
 */
export interface PnlColumns {
  format: "columns";
  /** The trading date the result describes, `YYYY-MM-DD` (see `PnlInput.asOf`). */
  asOf: string;
  /** Account ids, by the index `executions.account` holds. */
  accounts: readonly string[];
  contracts: PnlContractColumns;
  /** Broker order ids, by the index `executions.order` holds. */
  orders: readonly string[];
  executions: PnlExecutionColumns;
  events: readonly PnlLifecycleEvent[];
  stockTrades?: readonly PnlStockTrade[];
  corporateActions?: readonly PnlCorporateAction[];
  /** Latest option marks (price per share), keyed by `contractKey`. */
  marks: Readonly<Record<string, string>>;
  stockMarks?: Readonly<Record<string, string>>;
}

/** `PnlExecutionColumns.flags`: the fill buys (else it sells). */
export const FILL_BUYS = 1;
/** `PnlExecutionColumns.flags`: the fill opens (else it closes). */
export const FILL_OPENS = 2;

/** Option contracts, one row per distinct contract (equal rows are allowed and become one contract). */
export interface PnlContractColumns {
  count: number;
  underlying: readonly string[];
  /** Day number of the expiration date. */
  expirationDay: Int32Array;
  /** 0 call, 1 put. */
  optionType: Uint8Array;
  /** Micros, positive. */
  strike: Float64Array;
  /** Shares per contract in micros, positive (100 shares = 100,000,000). */
  multiplier: Float64Array;
}

/** One row per option fill; columns may be longer than `count`. See `PnlExecution` for the meaning. */
export interface PnlExecutionColumns {
  count: number;
  /** Execution ids: unique and stable; ties in FIFO break on them. */
  id: readonly string[];
  /** Index into `PnlColumns.accounts`. */
  account: Int32Array;
  /** Row of `PnlColumns.contracts`. */
  contract: Int32Array;
  /** Index into `PnlColumns.orders`, or −1 when the fill's order is not known. */
  order: Int32Array;
  /** `FILL_BUYS | FILL_OPENS`. */
  flags: Uint8Array;
  /** Contracts, in micros, positive. */
  quantity: Float64Array;
  /** Premium per share, in micros, not negative. */
  price: Float64Array;
  /** Fees in micros (positive reduces cash). */
  fees: Float64Array;
  /** The fill's instant, epoch milliseconds. */
  executedAt: Float64Array;
  /** Trading date (America/New_York) as a day number. */
  tradeDay: Int32Array;
}

/** Empty columns for `capacity` fills, to be filled row by row (`count` rows are read). */
export function createExecutionColumns(capacity: number): PnlExecutionColumns & { id: string[] } {
  return {
    count: 0,
    id: new Array<string>(capacity),
    account: new Int32Array(capacity),
    contract: new Int32Array(capacity),
    order: new Int32Array(capacity),
    flags: new Uint8Array(capacity),
    quantity: new Float64Array(capacity),
    price: new Float64Array(capacity),
    fees: new Float64Array(capacity),
    executedAt: new Float64Array(capacity),
    tradeDay: new Int32Array(capacity),
  };
}

export function createContractColumns(capacity: number): PnlContractColumns & { underlying: string[] } {
  return {
    count: 0,
    underlying: new Array<string>(capacity),
    expirationDay: new Int32Array(capacity),
    optionType: new Uint8Array(capacity),
    strike: new Float64Array(capacity),
    multiplier: new Float64Array(capacity),
  };
}

export function isColumnar(input: object): input is PnlColumns {
  return (input as { format?: unknown }).format === "columns";
}
