/** Pure date arithmetic on YYYY-MM-DD strings (calendar days, no clock, no time zone). */

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: string): number {
  // Day 0 of the epoch (1970-01-01) was a Thursday.
  return (((dayNumber(date) + 3) % 7) + 7) % 7;
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/**
 * The ISO 8601 week of a date, "2025-W07": weeks start on Monday and week 1 holds the year's first
 * Thursday, so 2024-12-30 is in 2025-W01 and 2021-01-03 in 2020-W53.
 */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 3 - weekdayOf(date));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysFrom(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Days in a month, month 1–12. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
