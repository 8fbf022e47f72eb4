/**
 * NYSE trading days: weekdays that are not an exchange holiday. Dates are `YYYY-MM-DD` trading dates
 * (America/New_York). The rules, not a table, so the calendar never runs out; one-off closures
 * (national days of mourning) are listed.
 */
const MS_PER_DAY = 86_400_000;

/** One-off closures announced by the exchange. */
const SPECIAL_CLOSURES = new Set(["2025-01-09"].map(dayFromIso));

const holidayCache = new Map<number, Set<number>>();

/** Whether US exchanges trade on this trading date (`YYYY-MM-DD`). */
export function isTradingDay(isoDate: string): boolean {
  return isTradingDayNumber(dayFromIso(isoDate));
}

/** The same on a day number (days since 1970-01-01), for code that steps through days. */
export function isTradingDayNumber(day: number): boolean {
  const dow = weekday(day);
  if (dow === 0 || dow === 6) return false;
  const year = new Date(day * MS_PER_DAY).getUTCFullYear();
  return !holidays(year).has(day) && !SPECIAL_CLOSURES.has(day);
}

/** A `YYYY-MM-DD` date as a day number (days since 1970-01-01). */
export function dayFromIso(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function dayOf(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

/** The n-th given weekday of a month (n = -1: the last one), as a day number. */
export function nthWeekday(year: number, month: number, dow: number, n: number): number {
  if (n > 0) {
    const first = dayOf(year, month, 1);
    return first + ((dow - weekday(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = dayOf(year, month + 1, 1) - 1;
  return last - ((weekday(last) - dow + 7) % 7);
}

/** Gregorian Easter Sunday (the anonymous algorithm); Good Friday is two days before. */
function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const date = ((h + l - 7 * m + 114) % 31) + 1;
  return dayOf(year, month, date);
}

/** Saturday holidays are observed on Friday, Sunday ones on Monday. */
function observed(day: number): number {
  const dow = weekday(day);
  return dow === 6 ? day - 1 : dow === 0 ? day + 1 : day;
}

function holidays(year: number): Set<number> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = new Set<number>();
  const newYear = dayOf(year, 1, 1);
  // The exchange does not close on Friday Dec 31 when Jan 1 is a Saturday.
  if (weekday(newYear) !== 6) days.add(observed(newYear));
  days.add(nthWeekday(year, 1, 1, 3)); // Martin Luther King Jr. Day
  days.add(nthWeekday(year, 2, 1, 3)); // Washington's Birthday
  days.add(easter(year) - 2); // Good Friday
  days.add(nthWeekday(year, 5, 1, -1)); // Memorial Day
  if (year >= 2022) days.add(observed(dayOf(year, 6, 19))); // Juneteenth
  days.add(observed(dayOf(year, 7, 4)));
  days.add(nthWeekday(year, 9, 1, 1)); // Labor Day
  days.add(nthWeekday(year, 11, 4, 4)); // Thanksgiving
  days.add(observed(dayOf(year, 12, 25)));
  holidayCache.set(year, days);
  return days;
}
