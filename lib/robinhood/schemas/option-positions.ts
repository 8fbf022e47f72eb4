import { z } from "zod";
import {
  absoluteUrl,
  decimalString,
  direction,
  isoDate,
  isoTimestamp,
  optionType,
  robinhoodId,
} from "./common";

/**
 * §3.3 one row per (contract, long/short). `average_price` is per contract (×100) and negative for
 * short rows; closed rows stay with quantity "0.0000".
 */
export const optionPositionSchema = z.object({
  id: robinhoodId,
  url: absoluteUrl.optional(),
  account: absoluteUrl,
  account_number: z.string().optional(),
  option: absoluteUrl,
  option_id: robinhoodId,
  chain_id: robinhoodId,
  chain_symbol: z.string(),
  type: z.enum(["long", "short"]),
  quantity: decimalString,
  average_price: decimalString,
  pending_buy_quantity: decimalString.optional(),
  pending_sell_quantity: decimalString.optional(),
  pending_expired_quantity: decimalString.optional(),
  pending_assignment_quantity: decimalString.optional(),
  pending_exercise_quantity: decimalString.optional(),
  trade_value_multiplier: decimalString.optional(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});
export type OptionPosition = z.infer<typeof optionPositionSchema>;

export const aggregatePositionLegSchema = z.object({
  id: robinhoodId,
  position: absoluteUrl,
  position_type: z.enum(["long", "short"]),
  option: absoluteUrl,
  option_id: robinhoodId,
  ratio_quantity: z.number().int().positive(),
  expiration_date: isoDate,
  strike_price: decimalString,
  option_type: optionType,
});

/** §3.3 grouped by strategy. `average_open_price` is positive; `direction` carries the sign. */
export const optionAggregatePositionSchema = z.object({
  id: robinhoodId,
  chain: absoluteUrl,
  account: absoluteUrl,
  account_number: z.string().optional(),
  symbol: z.string(),
  strategy: z.string(),
  direction,
  quantity: decimalString,
  average_open_price: decimalString,
  trade_value_multiplier: decimalString.optional(),
  legs: z.array(aggregatePositionLegSchema),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});
export type OptionAggregatePosition = z.infer<typeof optionAggregatePositionSchema>;
