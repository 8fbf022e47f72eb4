import { type Micro, type Ratio, ratioOf, sub } from "@/lib/money";
import { daysFrom } from "./calendar-days";

/** Calendar days from `today` to the expiration: 0 on expiration day, negative once past it. */
export function daysToExpiration(today: string, expiration: string): number {
  return daysFrom(today, expiration);
}

/**
 * The share of a short option's maximum profit already captured: the premium it opened for is the
 * most it can make, so (open price − mark) ÷ open price. 100 % when the mark is 0, negative when the
 * option now costs more to close than it brought in. Null for a long option (its maximum profit is
 * not the premium), without a mark, or at an open price of 0.
 */
export function maxProfitCaptured(options: {
  side: "LONG" | "SHORT";
  averagePrice: Micro;
  mark: Micro | null;
}): Ratio | null {
  if (options.side !== "SHORT" || options.mark === null) return null;
  return ratioOf(sub(options.averagePrice, options.mark), options.averagePrice);
}
