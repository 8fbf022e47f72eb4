import type { ContractView } from "../decimal-text";
import type { ActivityType } from "./activity-sql";

/** Where a fill came from: a Robinhood order (its id), or a row of an imported CSV file. */
export type FillOrigin =
  | { source: "API"; brokerOrderId: string }
  | { source: "CSV"; importId: string; fileName: string; rowNumber: number; page: number }
  | { source: "CSV"; importId: null };

/** One execution of an order's leg. */
export type FillView = {
  id: string;
  brokerExecutionId: string;
  executedAt: string;
  tradeDate: string;
  quantity: string;
  price: string;
  fees: string;
  /** The cash the fill moved: sell +, buy −, × the multiplier, less its fees. */
  amount: string;
  origin: FillOrigin;
};

/** One leg of an order with its fills folded in: the quantity filled and its exact average price. */
export type LegView = {
  id: string;
  side: "BUY" | "SELL";
  positionEffect: "OPEN" | "CLOSE";
  contract: ContractView;
  filledQuantity: string;
  /** Σ price × quantity ÷ Σ quantity, to the micro (half away from zero); null before any fill. */
  averagePrice: string | null;
  fees: string;
  fills: FillView[];
};

type ActivityBase = {
  id: string;
  at: string;
  /** Trading date in America/New_York. */
  day: string;
  underlying: string;
  amount: string | null;
};

export type OrderActivity = ActivityBase & {
  kind: "order";
  brokerOrderId: string;
  source: "API" | "CSV";
  state: string;
  strategy: string | null;
  direction: string | null;
  /** The order's quantity and what of it was filled: "3 of 5" for a partial fill. */
  quantity: string;
  filledQuantity: string;
  fillCount: number;
  legs: LegView[];
};

export type EventActivity = ActivityBase & {
  kind: "expiration" | "assignment" | "exercise";
  brokerEventId: string;
  source: "API" | "CSV";
  state: string;
  quantity: string;
  contract: ContractView;
  instrumentId: string;
  importId: string | null;
};

export type StockActivity = ActivityBase & {
  kind: "stock";
  brokerTradeId: string;
  brokerOrderId: string | null;
  source: "API" | "CSV";
  delivery: boolean;
  side: "BUY" | "SELL";
  quantity: string;
  price: string;
  fees: string;
  importId: string | null;
};

export type ActivityRow = OrderActivity | EventActivity | StockActivity;

/** The bare row the activity relation gives before its details are read. */
export type ActivityKey = { kind: ActivityType; id: string; at: Date; amount: string | null };
