import { z } from "zod";
import { absoluteUrl, batchResults, decimalString, isoTimestamp, robinhoodId } from "./common";

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
