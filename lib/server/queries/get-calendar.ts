import "server-only";
import { type CalendarMonth, calendarMonth, daysInMonth, largestDay } from "@/lib/analytics";
import { formatMoney, parseDecimal, sum } from "@/lib/money";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { type DayLot, listDayLots } from "./list-day-lots";

export type CalendarPeriod = { year: number; month: number | null };

export type CalendarPage = {
  /** The period shown: a month, or a whole year when `month` is null. */
  period: CalendarPeriod;
  /** One month, or the year's twelve. */
  months: CalendarMonth[];
  /** Realized over the period shown, exact. */
  total: string;
  /** Years with any realized P&L, oldest first, for navigation. */
  years: number[];
  /** The day asked for, with the closed lots whose realized P&L adds up to its figure. */
  day: { date: string; realized: string; lots: DayLot[] } | null;
};

export type GetCalendarOptions = {
  robinhoodUserId: string;
  /** Without one, the month of the latest day with realized P&L (or `today`'s month). */
  period?: CalendarPeriod;
  /** YYYY-MM-DD: list what was closed that day. */
  day?: string;
  /** YYYY-MM-DD, for the default period when nothing was realized yet. */
  today: string;
  db?: Database;
};

async function dailyRealized(tx: UserTransaction, userId: string, from: string, to: string) {
  const rows = await tx.$queryRaw<{ date: string; realized: string }[]>`
    SELECT trade_date::text AS date, sum(realized_pnl)::text AS realized
    FROM daily_pnl
    WHERE user_id = ${userId}::uuid AND trade_date BETWEEN ${from}::date AND ${to}::date
    GROUP BY trade_date`;
  return new Map(rows.map((row) => [row.date, row.realized]));
}

/** The calendar of daily realized P&L (option lots closed, by trading day), a month or a year at a time. */
export async function getCalendar(options: GetCalendarOptions): Promise<CalendarPage> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const bounds = await tx.$queryRaw<{ first: string | null; last: string | null }[]>`
      SELECT min(trade_date)::text AS first, max(trade_date)::text AS last
      FROM daily_pnl WHERE user_id = ${user.id}::uuid`;
    const first = bounds[0]?.first ?? null;
    const last = bounds[0]?.last ?? null;
    const fallback = last ?? options.today;
    const period = options.period ?? {
      year: Number(fallback.slice(0, 4)),
      month: Number(fallback.slice(5, 7)),
    };

    const months =
      period.month === null ? Array.from({ length: 12 }, (_, index) => index + 1) : [period.month];
    const firstMonth = months[0] ?? 1;
    const lastMonth = months.at(-1) ?? 12;
    const from = `${period.year}-${pad(firstMonth)}-01`;
    const to = `${period.year}-${pad(lastMonth)}-${pad(daysInMonth(period.year, lastMonth))}`;
    const daily = await dailyRealized(tx, user.id, from, to);
    const micros = [...daily.values()].map(parseDecimal);
    const largest = largestDay(micros);
    const grids = months.map((month) => calendarMonth({ year: period.year, month, daily, largest }));

    let day: CalendarPage["day"] = null;
    if (options.day) {
      const lots = await listDayLots(tx, user.id, options.day);
      const figure = await dailyRealized(tx, user.id, options.day, options.day);
      day = { date: options.day, realized: formatMoney(parseDecimal(figure.get(options.day) ?? "0")), lots };
    }

    const years: number[] = [];
    if (first && last)
      for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) years.push(year);
    return {
      period,
      months: grids,
      total: formatMoney(sum(micros)),
      years,
      day,
    };
  });
}

const pad = (value: number) => String(value).padStart(2, "0");
