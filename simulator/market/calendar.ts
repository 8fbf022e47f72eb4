/**
 * Trading calendar in America/New_York: dates are day numbers (days since 1970-01-01) so they can
 * be compared and stepped without time zones; `YYYY-MM-DD` strings only at the edges.
 */
import { dayFromIso, isTradingDayNumber, nthWeekday, weekday } from "@/lib/dates/nyse-calendar";

export { dayFromIso, weekday };

const MS_PER_DAY = 86_400_000;

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Trading days are the product's NYSE calendar, so simulated histories skip the days Rollbook does. */
export function isTradingDay(day: number): boolean {
  return isTradingDayNumber(day);
}

export function nextTradingDay(day: number): number {
  let next = day + 1;
  while (!isTradingDay(next)) next += 1;
  return next;
}

export function previousTradingDay(day: number): number {
  let previous = day - 1;
  while (!isTradingDay(previous)) previous -= 1;
  return previous;
}

/** Trading days after `from` up to and including `to` (0 when `to` is `from`). */
export function tradingDaysBetween(from: number, to: number): number {
  let count = 0;
  for (let day = from + 1; day <= to; day += 1) if (isTradingDay(day)) count += 1;
  return count;
}

/** Standard weekly expiry: the Friday of the week, or Thursday when Friday is a holiday. */
export function weeklyExpiration(anyDayOfWeek: number): number {
  const friday = anyDayOfWeek + ((5 - weekday(anyDayOfWeek) + 7) % 7);
  return isTradingDay(friday) ? friday : previousTradingDay(friday);
}

/** UTC offset of New York in minutes on a day (DST: second Sunday of March to first Sunday of November). */
export function newYorkOffsetMinutes(day: number): number {
  const year = new Date(day * MS_PER_DAY).getUTCFullYear();
  const start = nthWeekday(year, 3, 0, 2);
  const end = nthWeekday(year, 11, 0, 1);
  return day >= start && day < end ? -240 : -300;
}

/** Epoch milliseconds of a New York wall-clock time on a day. */
export function newYorkTimeMs(day: number, minutesAfterMidnight: number): number {
  return day * MS_PER_DAY + (minutesAfterMidnight - newYorkOffsetMinutes(day)) * 60_000;
}

/** The New York calendar day of an instant. */
export function newYorkDay(epochMs: number): number {
  const utcDay = Math.floor(epochMs / MS_PER_DAY);
  const local = epochMs + newYorkOffsetMinutes(utcDay) * 60_000;
  return Math.floor(local / MS_PER_DAY);
}

/** `M/D/YYYY` as in the activity report. */
export function usDate(day: number): string {
  const date = new Date(day * MS_PER_DAY);
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()}`;
}
