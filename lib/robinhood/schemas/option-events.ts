import { z } from "zod";
import { absoluteUrl, decimalString, direction, isoDate, isoTimestamp, robinhoodId, side } from "./common";

/** The stock side of an exercise or assignment (§3.6); the only place it shows up in the API. */
export const equityComponentSchema = z.looseObject({
  id: robinhoodId,
  instrument: absoluteUrl,
  symbol: z.string(),
  side,
  price: decimalString,
  quantity: decimalString,
});
export type EquityComponent = z.infer<typeof equityComponentSchema>;

export const cashComponentSchema = z.looseObject({
  id: robinhoodId.optional(),
  cash_amount: decimalString,
  direction,
});

/** An options event. Loose: fields not listed here are kept, so a sync can store it as sent. */
export const optionEventSchema = z.looseObject({
  id: robinhoodId,
  account: absoluteUrl,
  account_number: z.string().optional(),
  chain_id: robinhoodId,
  option: absoluteUrl,
  option_id: robinhoodId.optional(),
  position: absoluteUrl.optional(),
  type: z.enum(["expiration", "assignment", "exercise", "voided"]),
  direction,
  quantity: decimalString,
  event_date: isoDate,
  state: z.string(),
  underlying_price: decimalString.nullable().optional(),
  total_cash_amount: decimalString,
  cash_component: cashComponentSchema.nullable().optional(),
  equity_components: z.array(equityComponentSchema),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});
export type OptionEvent = z.infer<typeof optionEventSchema>;
