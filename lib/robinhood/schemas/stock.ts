import { z } from "zod";
import { absoluteUrl, batchResults, decimalString, isoDate, isoTimestamp, robinhoodId, side } from "./common";

/** §4 equity instrument: maps an event's `equity_components[].instrument` to a symbol and name. */
export const stockInstrumentSchema = z.object({
  id: robinhoodId,
  url: absoluteUrl,
  symbol: z.string(),
  name: z.string().optional(),
  simple_name: z.string().nullable().optional(),
  tradable_chain_id: robinhoodId.nullable().optional(),
  state: z.string().optional(),
  type: z.string().optional(),
});
export type StockInstrument = z.infer<typeof stockInstrumentSchema>;

/** §4 stock position; the `shares_*_options_*` fields show collateral and pending assignments. */
export const stockPositionSchema = z.object({
  url: absoluteUrl.optional(),
  instrument: absoluteUrl,
  instrument_id: robinhoodId.optional(),
  symbol: z.string().optional(),
  account: absoluteUrl,
  account_number: z.string().optional(),
  quantity: decimalString,
  average_buy_price: decimalString,
  shares_held_for_options_collateral: decimalString.optional(),
  shares_held_for_options_events: decimalString.optional(),
  shares_pending_from_options_events: decimalString.optional(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});
export type StockPosition = z.infer<typeof stockPositionSchema>;

export const stockQuoteSchema = z.object({
  symbol: z.string(),
  instrument: absoluteUrl,
  instrument_id: robinhoodId.optional(),
  last_trade_price: decimalString,
  previous_close: decimalString.nullable().optional(),
  bid_price: decimalString.nullable().optional(),
  ask_price: decimalString.nullable().optional(),
  updated_at: isoTimestamp,
});
export type StockQuote = z.infer<typeof stockQuoteSchema>;
export const stockQuoteBatchSchema = batchResults(stockQuoteSchema);

/** One fill of an equity order (§4). `price` per share, `quantity` in shares (fractional allowed). */
export const stockOrderExecutionSchema = z.looseObject({
  id: robinhoodId,
  price: decimalString,
  quantity: decimalString,
  settlement_date: isoDate.nullable().optional(),
  timestamp: isoTimestamp,
  rounded_notional: decimalString.nullable().optional(),
  trade_execution_date: isoDate.nullable().optional(),
});
export type StockOrderExecution = z.infer<typeof stockOrderExecutionSchema>;

/**
 * An equity order from `GET /orders/` (§4). Loose, so a sync can keep fields Rollbook does not read.
 * Its fills are in `executions`; `fees` is the order's total (regulatory fees on sales). The stock side
 * of an option assignment or exercise is not an equity order: it comes with the option event.
 */
export const stockOrderSchema = z.looseObject({
  id: robinhoodId,
  ref_id: z.string().nullable().optional(),
  url: absoluteUrl.optional(),
  account: absoluteUrl,
  account_number: z.string().optional(),
  position: absoluteUrl.nullable().optional(),
  cancel: absoluteUrl.nullable().optional(),
  instrument: absoluteUrl,
  instrument_id: robinhoodId.optional(),
  symbol: z.string().nullable().optional(),
  side,
  type: z.string(),
  trigger: z.string().optional(),
  time_in_force: z.string().optional(),
  price: decimalString.nullable().optional(),
  stop_price: decimalString.nullable().optional(),
  quantity: decimalString,
  cumulative_quantity: decimalString,
  average_price: decimalString.nullable().optional(),
  fees: decimalString,
  state: z.string(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
  last_transaction_at: isoTimestamp.nullable().optional(),
  executions: z.array(stockOrderExecutionSchema),
});
export type StockOrder = z.infer<typeof stockOrderSchema>;
