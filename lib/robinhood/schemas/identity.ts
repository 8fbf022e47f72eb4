import { z } from "zod";
import { absoluteUrl, decimalString, isoTimestamp, robinhoodId } from "./common";

/** §2.1 `GET /user/`. `id` is the stable Robinhood user id (§2.3); username and e-mail can change. */
export const userSchema = z.object({
  id: robinhoodId,
  url: absoluteUrl,
  username: z.string(),
  email: z.string().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  created_at: isoTimestamp,
});
export type RobinhoodUser = z.infer<typeof userSchema>;

/** §2.2 `GET /accounts/`. Only the fields Rollbook reads are required. */
export const accountSchema = z.object({
  url: absoluteUrl,
  account_number: z.string().min(1),
  type: z.string(),
  user_id: robinhoodId.optional(),
  brokerage_account_type: z.string().optional(),
  option_level: z.string().nullable().optional(),
  state: z.string().optional(),
  deactivated: z.boolean(),
  cash: decimalString.optional(),
  buying_power: decimalString.optional(),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});
export type RobinhoodAccount = z.infer<typeof accountSchema>;
