import "server-only";
import type { OptionEventType, OptionType, OrderSide, PositionEffect } from "@/lib/generated/prisma/enums";

/**
 * Everything one sync read from Robinhood, already mapped to Rollbook's columns (decimal strings,
 * enums, trading dates) but not yet tied to database ids. Built by the network phase, written in one
 * transaction by `writeSnapshot`.
 */
export type RobinhoodSnapshot = {
  accounts: SnapshotAccount[];
  orders: SnapshotOrder[];
  events: SnapshotEvent[];
  /** Events Robinhood reports as `voided`: removed if an earlier sync stored them. */
  voidedEventIds: string[];
  /** Contracts not yet in `option_instruments`, with the multiplier of their chain. */
  instruments: SnapshotInstrument[];
  /** Robinhood id of every contract the orders and events mention. */
  referencedInstrumentIds: string[];
  marks: SnapshotMark[];
  /** Fills of equity orders (`/orders/`), one per execution; never an assignment's stock side. */
  stockFills: SnapshotStockFill[];
  /** Equity orders read (with or without fills). */
  stockOrderCount: number;
  /** Latest quote of every symbol the user has traded shares of, and of every live contract's underlying. */
  stockMarks: SnapshotStockMark[];
  /** The `updated_at[gte]` bound used for equity orders of known accounts (null: all were fetched). */
  stockOrdersUpdatedSince: Date | null;
  /** Newest `updated_at` among the fetched equity orders. */
  newestStockOrderUpdate: Date | null;
  /** The `updated_at[gte]` bound used for already-known accounts (null: everything was fetched). */
  ordersUpdatedSince: Date | null;
  /** Newest `updated_at` among the fetched orders and events. */
  newestOrderUpdate: Date | null;
  newestEventUpdate: Date | null;
};

export type SnapshotAccount = { accountNumber: string; accountType: string | null };

export type SnapshotExecution = {
  brokerExecutionId: string;
  price: string;
  quantity: string;
  /** This fill's share of the order's fees (see allocate-fees.ts). */
  fees: string;
  executedAt: Date;
  /** `YYYY-MM-DD`, America/New_York. */
  tradeDate: string;
  settlementDate: string | null;
};

export type SnapshotLeg = {
  brokerLegId: string;
  instrumentRobinhoodId: string;
  side: OrderSide;
  positionEffect: PositionEffect;
  ratioQuantity: number;
  executions: SnapshotExecution[];
};

export type SnapshotOrder = {
  brokerOrderId: string;
  /** The order as Robinhood sent it (fields Rollbook does not read included), stored as JSON. */
  raw: Record<string, unknown>;
  accountNumber: string;
  state: string;
  chainSymbol: string;
  direction: string;
  orderType: string;
  quantity: string;
  processedQuantity: string;
  limitPrice: string | null;
  premium: string | null;
  processedPremium: string;
  /** Signed: positive for a credit, negative for a debit (Robinhood sends it unsigned plus a direction). */
  netAmount: string | null;
  regulatoryFees: string;
  contractFees: string;
  openingStrategy: string | null;
  closingStrategy: string | null;
  formSource: string | null;
  brokerCreatedAt: Date;
  brokerUpdatedAt: Date;
  legs: SnapshotLeg[];
};

export type SnapshotStockTrade = {
  brokerTradeId: string;
  symbol: string;
  side: OrderSide;
  quantity: string;
  price: string;
  /** price × quantity, unsigned; `side` gives the direction. */
  amount: string;
  tradeDate: string;
};

export type SnapshotEvent = {
  brokerEventId: string;
  /** The event as Robinhood sent it, stored as JSON. */
  raw: Record<string, unknown>;
  accountNumber: string;
  instrumentRobinhoodId: string;
  type: OptionEventType;
  state: string;
  quantity: string;
  eventDate: string;
  direction: string;
  totalCashAmount: string;
  underlyingPrice: string | null;
  stockTrades: SnapshotStockTrade[];
};

export type SnapshotInstrument = {
  robinhoodId: string;
  underlying: string;
  expirationDate: string;
  strikePrice: string;
  optionType: OptionType;
  multiplier: string;
};

/**
 * A contract's mark with the model Greeks market data sent beside it (per share, as for a long
 * position; implied volatility as a fraction). Each Greek is null when Robinhood left it out.
 */
export type SnapshotMark = {
  instrumentRobinhoodId: string;
  asOf: Date;
  markPrice: string;
  delta: string | null;
  gamma: string | null;
  theta: string | null;
  vega: string | null;
  rho: string | null;
  impliedVolatility: string | null;
};

/** One execution of an equity order, with its share of the order's fees. */
export type SnapshotStockFill = {
  brokerTradeId: string;
  brokerOrderId: string;
  /** The order as Robinhood sent it, stored with each of its fills. */
  raw: Record<string, unknown>;
  accountNumber: string;
  symbol: string;
  side: OrderSide;
  quantity: string;
  price: string;
  /** price × quantity, unsigned. */
  amount: string;
  fees: string;
  executedAt: Date;
  tradeDate: string;
  settlementDate: string | null;
};

export type SnapshotStockMark = { symbol: string; asOf: Date; markPrice: string };
