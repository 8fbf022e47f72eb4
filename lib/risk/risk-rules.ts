import { addDays, daysToExpiration, weekdayOf } from "@/lib/analytics";
import { compareDecimals } from "@/lib/money";

/**
 * The rules of "risk now", each written once. Dates are New York trading dates (`YYYY-MM-DD`); prices
 * are exact decimal strings.
 */

/**
 * A short option in the money with this many calendar days or fewer left is flagged as an assignment
 * risk: an in-the-money short is exercised against at expiry (and, with little time value left,
 * possibly before it, e.g. a call ahead of a dividend). Five days reaches from a Monday to the Friday
 * expiry of the same week, so everything that can be assigned this week is flagged.
 */
export const ASSIGNMENT_RISK_MAX_DAYS = 5;

/** In, at or out of the money: a call is in the money above its strike, a put below it. */
export type Moneyness = "ITM" | "ATM" | "OTM";

export function moneynessOf(options: {
  optionType: "call" | "put";
  strike: string;
  underlyingPrice: string;
}): Moneyness {
  const above = compareDecimals(options.underlyingPrice, options.strike);
  if (above === 0) return "ATM";
  return above > 0 === (options.optionType === "call") ? "ITM" : "OTM";
}

/**
 * A short option in the money that expires within `ASSIGNMENT_RISK_MAX_DAYS` (today included; not
 * once expired). A long option is never assigned, and at the money is not in the money.
 */
export function hasAssignmentRisk(options: {
  side: "LONG" | "SHORT";
  moneyness: Moneyness;
  daysToExpiration: number;
}): boolean {
  return (
    options.side === "SHORT" &&
    options.moneyness === "ITM" &&
    options.daysToExpiration >= 0 &&
    options.daysToExpiration <= ASSIGNMENT_RISK_MAX_DAYS
  );
}

/**
 * The last day of "this week" for expirations: the Friday of today's week, or on a Saturday or
 * Sunday the coming Friday (the week a trader is looking at). A holiday-shortened week's Thursday
 * expiry falls inside it.
 */
export function expiryWeekEnd(today: string): string {
  const weekday = weekdayOf(today); // 0 = Monday … 6 = Sunday
  return addDays(today, weekday <= 4 ? 4 - weekday : 11 - weekday);
}

/** Whether a contract expires from today through `expiryWeekEnd(today)`. */
export function expiresThisWeek(today: string, expiration: string): boolean {
  const days = daysToExpiration(today, expiration);
  return days >= 0 && expiration <= expiryWeekEnd(today);
}
