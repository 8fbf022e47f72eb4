import { z } from "zod";
import {
  absoluteUrl,
  decimalString,
  direction,
  isoDate,
  isoTimestamp,
  optionType,
  robinhoodId,
  side,
} from "./common";

/** One fill of one leg (§3.2). `price` is per share. */
export const optionExecutionSchema = z.looseObject({
  id: robinhoodId,
  price: decimalString,
  quantity: decimalString,
  settlement_date: isoDate,
  timestamp: isoTimestamp,
});
export type OptionExecution = z.infer<typeof optionExecutionSchema>;

/**
 * A leg. Strike, expiry and type arrived on legs around 2022; older orders only have the instrument
 * URL, so they are optional here and the instrument is the authority.
 */
export const optionLegSchema = z.looseObject({
  id: robinhoodId,
  option: absoluteUrl,
  side,
  position_effect: z.enum(["open", "close"]),
  ratio_quantity: z.number().int().positive(),
  executions: z.array(optionExecutionSchema),
  expiration_date: isoDate.optional(),
  strike_price: decimalString.optional(),
  option_type: optionType.optional(),
});
export type OptionLeg = z.infer<typeof optionLegSchema>;

/** Order states seen or reported (§3.2). Kept open-ended: an unknown new state must not stop a sync. */
export const OPTION_ORDER_STATES = [
  "queued",
  "new",
  "unconfirmed",
  "confirmed",
  "partially_filled",
  "filled",
  "cancelled",
  "rejected",
  "failed",
  "pending_cancelled",
] as const;

/**
 * An options order. Loose, like its legs and fills: fields not listed here are kept, so a sync can
 * store the order as Robinhood sent it.
 */
export const optionOrderSchema = z.looseObject({
  id: robinhoodId,
  ref_id: robinhoodId.nullable().optional(),
  account_number: z.string().optional(),
  chain_id: robinhoodId,
  chain_symbol: z.string(),
  direction,
  legs: z.array(optionLegSchema).min(1),
  type: z.string(),
  trigger: z.string(),
  time_in_force: z.string(),
  price: decimalString.nullable(),
  stop_price: decimalString.nullable().optional(),
  quantity: decimalString,
  processed_quantity: decimalString,
  pending_quantity: decimalString,
  canceled_quantity: decimalString,
  premium: decimalString.nullable(),
  processed_premium: decimalString,
  net_amount: decimalString.optional(),
  net_amount_direction: direction.optional(),
  regulatory_fees: decimalString.optional(),
  contract_fees: decimalString.optional(),
  state: z.string(),
  response_category: z.string().nullable().optional(),
  opening_strategy: z.string().nullable().optional(),
  closing_strategy: z.string().nullable().optional(),
  strategy: z.string().nullable().optional(),
  form_source: z.string().nullable().optional(),
  trade_value_multiplier: decimalString.optional(),
  cancel_url: absoluteUrl.nullable(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});
export type OptionOrder = z.infer<typeof optionOrderSchema>;
