import type {
  LifecycleType,
  OptionContract,
  OptionType,
  PnlExecution,
  PnlInput,
  PnlLifecycleEvent,
  PnlResult,
  PnlStockTrade,
} from "@/lib/pnl";

/** Small builders so each trading story reads like the trade blotter it describes. */

export function option(spec: string, multiplier = "100"): OptionContract {
  // "SOFI 2023-08-04 12 call"
  const [underlying, expiration, strike, optionType] = spec.split(" ");
  if (!underlying || !expiration || !strike || (optionType !== "call" && optionType !== "put")) {
    throw new Error(`bad contract spec: ${spec}`);
  }
  return { underlying, expiration, strike, optionType: optionType as OptionType, multiplier };
}

export type TradeCode = "STO" | "BTO" | "BTC" | "STC";

export interface FillSpec {
  id: string;
  code: TradeCode;
  contract: OptionContract;
  quantity: string;
  price: string;
  fees?: string;
  date: string;
  /** Time of day (UTC, HH:MM); without it the whole day shares one instant, like a CSV import. */
  time?: string;
  orderId?: string;
  accountId?: string;
}

export function fill(spec: FillSpec): PnlExecution {
  return {
    id: spec.id,
    accountId: spec.accountId ?? "acct-1",
    orderId: spec.orderId ?? null,
    contract: spec.contract,
    side: spec.code === "BTO" || spec.code === "BTC" ? "buy" : "sell",
    positionEffect: spec.code === "BTO" || spec.code === "STO" ? "open" : "close",
    quantity: spec.quantity,
    price: spec.price,
    fees: spec.fees ?? "0",
    executedAt: `${spec.date}T${spec.time ?? "12:00"}:00.000Z`,
    tradeDate: spec.date,
  };
}

export interface EventSpec {
  id: string;
  type: LifecycleType;
  contract: OptionContract;
  quantity: string;
  date: string;
  direction?: "long" | "short";
  stockFees?: string;
  accountId?: string;
}

export function lifecycle(spec: EventSpec): PnlLifecycleEvent {
  return {
    id: spec.id,
    accountId: spec.accountId ?? "acct-1",
    type: spec.type,
    contract: spec.contract,
    quantity: spec.quantity,
    date: spec.date,
    direction: spec.direction ?? null,
    stockFees: spec.stockFees ?? null,
  };
}

export interface StockSpec {
  id: string;
  side: "buy" | "sell";
  symbol: string;
  quantity: string;
  price: string;
  fees?: string;
  date: string;
  /** Time of day (UTC, HH:MM); without it the whole day shares one instant, like a CSV import. */
  time?: string;
  accountId?: string;
}

export function stock(spec: StockSpec): PnlStockTrade {
  return {
    id: spec.id,
    accountId: spec.accountId ?? "acct-1",
    orderId: null,
    symbol: spec.symbol,
    side: spec.side,
    quantity: spec.quantity,
    price: spec.price,
    fees: spec.fees ?? "0",
    executedAt: `${spec.date}T${spec.time ?? "12:00"}:00.000Z`,
    tradeDate: spec.date,
  };
}

export function input(parts: Partial<PnlInput> & { asOf: string }): PnlInput {
  return { executions: [], events: [], marks: {}, ...parts };
}

/** Every story also checks the identity realized + unrealized = cash + market value, exactly. */
export function reconciled(result: PnlResult): boolean {
  return result.reconciliation.options.holds && result.reconciliation.stock.holds;
}
