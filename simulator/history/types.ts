import type { Micros } from "../market/timestamps";

/**
 * The simulator's own record of a user's trading, in exact integers (cents, contracts, shares,
 * microseconds). The wire serializers and the activity-report writer both read from it, so the
 * API and the CSV always describe the same trades.
 */
export interface SimContract {
  id: string;
  symbol: string;
  chainId: string;
  type: "call" | "put";
  strikeCents: number;
  /** Expiration as a trading-day number (see market/calendar). */
  expirationDay: number;
  createdAtUs: Micros;
}

export interface SimExecution {
  id: string;
  priceCents: number;
  quantity: number;
  timestampUs: Micros;
  /** Regulatory fee charged on this fill, folded into the report's Amount. */
  feeCents: number;
}

export interface SimLeg {
  id: string;
  contract: SimContract;
  side: "buy" | "sell";
  positionEffect: "open" | "close";
  ratio: number;
  executions: SimExecution[];
}

export type SimOrderState = "filled" | "cancelled" | "confirmed" | "queued" | "rejected";

export interface SimOrder {
  id: string;
  refId: string;
  accountNumber: string;
  symbol: string;
  chainId: string;
  direction: "debit" | "credit";
  /** Net limit price per share of one spread unit. */
  limitCents: number;
  quantity: number;
  legs: SimLeg[];
  state: SimOrderState;
  responseCategory: string | null;
  timeInForce: "gfd" | "gtc";
  formSource: string;
  openingStrategy: string | null;
  closingStrategy: string | null;
  strategy: string;
  clientBidCents: number;
  clientAskCents: number;
  createdAtUs: Micros;
  updatedAtUs: Micros;
}

export interface SimEquityComponent {
  id: string;
  instrumentId: string;
  symbol: string;
  side: "buy" | "sell";
  priceCents: number;
  shares: number;
  /** Fee on the stock sale; only the activity report shows it (§3.6 events carry no fees). */
  feeCents: number;
}

export interface SimEvent {
  id: string;
  type: "expiration" | "assignment" | "exercise";
  accountNumber: string;
  contract: SimContract;
  positionType: "long" | "short";
  quantity: number;
  eventDay: number;
  state: "confirmed" | "preparing";
  underlyingPriceCents: number;
  equity: SimEquityComponent | null;
  createdAtUs: Micros;
  updatedAtUs: Micros;
}

/** One fill of an equity order. */
export interface SimStockExecution {
  id: string;
  priceCents: number;
  shares: number;
  timestampUs: Micros;
  /** SEC fee and FINRA TAF on a sale (0 on a purchase), folded into the report's Amount. */
  feeCents: number;
}

/**
 * An equity order (`GET /orders/`, robinhood-api.md §4): shares bought or sold on their own. The stock
 * side of an assignment or exercise is NOT one of these; it lives on the event's equity component.
 */
export interface SimStockOrder {
  id: string;
  refId: string;
  accountNumber: string;
  instrumentId: string;
  symbol: string;
  side: "buy" | "sell";
  type: "market" | "limit";
  /** The limit, or for a market order the price it was collared at when placed. */
  priceCents: number;
  shares: number;
  executions: SimStockExecution[];
  state: "filled" | "cancelled" | "confirmed";
  timeInForce: "gfd" | "gtc";
  createdAtUs: Micros;
  updatedAtUs: Micros;
}

export interface SimAggregateLeg {
  contract: SimContract;
  positionType: "long" | "short";
  ratio: number;
}

/** A strategy group as `/options/aggregate_positions/` shows it. */
export interface SimAggregate {
  id: string;
  accountNumber: string;
  symbol: string;
  chainId: string;
  strategy: string;
  direction: "debit" | "credit";
  legs: SimAggregateLeg[];
  quantity: number;
  /** Sum over open units of the net opening price per share, in cents (for the average). */
  openCostCents: number;
  createdAtUs: Micros;
  updatedAtUs: Micros;
}

export interface SimStockInstrument {
  id: string;
  symbol: string;
  simpleName: string;
  name: string;
  cusip: string;
  chainId: string;
}

export interface SimUser {
  id: string;
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  createdAtUs: Micros;
}

export interface SimAccount {
  accountNumber: string;
  type: "margin" | "cash";
  createdAtUs: Micros;
  /** The single deposit that funds the generated account (an ACH row in the report). */
  depositCents: number;
  depositDay: number;
}

export interface SimHistory {
  seed: number;
  /** The simulated present, epoch ms. Nothing generated is later than this. */
  nowMs: number;
  user: SimUser;
  account: SimAccount;
  /** Chronological (oldest first). */
  orders: SimOrder[];
  /** Equity orders, chronological. */
  stockOrders: SimStockOrder[];
  events: SimEvent[];
  contracts: SimContract[];
  aggregates: SimAggregate[];
  stockInstruments: SimStockInstrument[];
  /** Cash at "now": the deposit plus every fill, fee and stock leg, in cents. */
  cashCents: number;
  /** Underlying close in cents for a symbol on a day (market data and quotes). */
  closeCents(symbol: string, day: number): number;
  /** The last trading day the history covers. */
  lastDay: number;
}
