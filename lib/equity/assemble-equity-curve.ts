import { add, formatMoney, type Micro, parseDecimal, ZERO } from "@/lib/money";

/** Realized option P&L of one trading day (the sum over underlyings). */
export type RealizedDay = { date: string; realized: string };

/** A day whose marks were stored: the unrealized P&L of everything open then. */
export type MarkedDay = { date: string; unrealized: string };

export type EquityPoint = {
  date: string;
  /** Cumulative realized P&L up to and including the day. */
  realized: string;
  /** Unrealized P&L at the day's marks; null on a day without stored marks. */
  unrealized: string | null;
  /** realized + unrealized; null on a day without stored marks (a gap, never a guess). */
  equity: string | null;
};

/**
 * One point per day that has realized P&L or stored marks, in date order. Realized P&L accumulates
 * across every day; the equity curve exists only on days whose marks were stored, because carrying an
 * old unrealized figure forward would count a position again after it closed and its P&L was
 * realized. Exact: every sum is in micros, every figure a decimal string.
 */
export function assembleEquityCurve(realizedDays: RealizedDay[], markedDays: MarkedDay[]): EquityPoint[] {
  const realizedByDate = new Map<string, Micro>();
  for (const day of realizedDays) {
    realizedByDate.set(day.date, add(realizedByDate.get(day.date) ?? ZERO, parseDecimal(day.realized)));
  }
  const unrealizedByDate = new Map(markedDays.map((day) => [day.date, parseDecimal(day.unrealized)]));
  const dates = [...new Set([...realizedByDate.keys(), ...unrealizedByDate.keys()])].sort();

  let cumulative = ZERO;
  return dates.map((date) => {
    cumulative = add(cumulative, realizedByDate.get(date) ?? ZERO);
    const unrealized = unrealizedByDate.get(date);
    return {
      date,
      realized: formatMoney(cumulative),
      unrealized: unrealized === undefined ? null : formatMoney(unrealized),
      equity: unrealized === undefined ? null : formatMoney(add(cumulative, unrealized)),
    };
  });
}
