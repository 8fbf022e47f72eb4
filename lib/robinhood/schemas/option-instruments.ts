import { z } from "zod";
import { absoluteUrl, decimalString, isoDate, isoTimestamp, optionType, robinhoodId } from "./common";

/** §3.4 one option contract. The multiplier lives on the chain, not here. */
export const optionInstrumentSchema = z.object({
  id: robinhoodId,
  url: absoluteUrl,
  chain_id: robinhoodId,
  chain_symbol: z.string(),
  type: optionType,
  strike_price: decimalString,
  expiration_date: isoDate,
  issue_date: isoDate.optional(),
  state: z.string(),
  tradability: z.string().optional(),
  sellout_datetime: isoTimestamp.optional(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});
export type OptionInstrument = z.infer<typeof optionInstrumentSchema>;

/** §3.7 the options chain of one underlying: carries `trade_value_multiplier` (never assume 100). */
export const optionChainSchema = z.object({
  id: robinhoodId,
  symbol: z.string(),
  trade_value_multiplier: decimalString,
  expiration_dates: z.array(isoDate),
  underlying_instruments: z.array(
    z.object({ id: robinhoodId, instrument: absoluteUrl, quantity: z.number().int() }),
  ),
  can_open_position: z.boolean().optional(),
});
export type OptionChain = z.infer<typeof optionChainSchema>;
