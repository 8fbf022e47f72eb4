import { z } from "zod";
import { absoluteUrl, batchResults, decimalString, isoDate, isoTimestamp, robinhoodId } from "./common";

/** §3.5 one market-data record. Greeks are absent for some contracts, so they are nullable. */
export const optionMarketDataSchema = z.object({
  instrument: absoluteUrl,
  instrument_id: robinhoodId,
  symbol: z.string().optional(),
  occ_symbol: z.string().optional(),
  state: z.string().optional(),
  mark_price: decimalString,
  adjusted_mark_price: decimalString.optional(),
  bid_price: decimalString.nullable(),
  ask_price: decimalString.nullable(),
  bid_size: z.number().int().nullable().optional(),
  ask_size: z.number().int().nullable().optional(),
  last_trade_price: decimalString.nullable().optional(),
  previous_close_price: decimalString.nullable().optional(),
  previous_close_date: isoDate.nullable().optional(),
  volume: z.number().int().optional(),
  open_interest: z.number().int().optional(),
  implied_volatility: decimalString.nullable().optional(),
  delta: decimalString.nullable().optional(),
  gamma: decimalString.nullable().optional(),
  theta: decimalString.nullable().optional(),
  vega: decimalString.nullable().optional(),
  rho: decimalString.nullable().optional(),
  updated_at: isoTimestamp,
});
export type OptionMarketData = z.infer<typeof optionMarketDataSchema>;
export const optionMarketDataBatchSchema = batchResults(optionMarketDataSchema);
