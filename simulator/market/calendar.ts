/**
 * Trading calendar in America/New_York: dates are day numbers (days since 1970-01-01) so they can
 * be compared and stepped without time zones; `YYYY-MM-DD` strings only at the edges.
 */
const MS_PER_DAY = 86_400_000;

export function dayFromIso(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY);
}

export function isoFromDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function dayOf(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / MS_PER_DAY);
}

/** The n-th given weekday of a month (n = -1: the last one). */
function nthWeekday(year: number, month: number, dow: number, n: number): number {
  if (n > 0) {
    const first = dayOf(year, month, 1);
    return first + ((dow - weekday(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = dayOf(year, month + 1, 1) - 1;
  return last - ((weekday(last) - dow + 7) % 7);
}

/** Gregorian Easter Sunday (anonymous algorithm). */
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

/** Saturday holidays move to Friday, Sunday ones to Monday (NYSE rule). */
function observed(day: number): number {
  const dow = weekday(day);
  return dow === 6 ? day - 1 : dow === 0 ? day + 1 : day;
}

/** One-off closures (national days of mourning). */
const SPECIAL_CLOSURES = new Set(["2025-01-09"].map(dayFromIso));

const holidayCache = new Map<number, Set<number>>();

function holidays(year: number): Set<number> {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const days = new Set<number>();
  const newYear = dayOf(year, 1, 1);
  // NYSE does not close on Friday Dec 31 when Jan 1 is a Saturday.
  if (weekday(newYear) !== 6) days.add(observed(newYear));
  days.add(nthWeekday(year, 1, 1, 3));
  days.add(nthWeekday(year, 2, 1, 3));
  days.add(easter(year) - 2);
  days.add(nthWeekday(year, 5, 1, -1));
  if (year >= 2022) days.add(observed(dayOf(year, 6, 19)));
  days.add(observed(dayOf(year, 7, 4)));
  days.add(nthWeekday(year, 9, 1, 1));
  days.add(nthWeekday(year, 11, 4, 4));
  days.add(observed(dayOf(year, 12, 25)));
  holidayCache.set(year, days);
  return days;
}

export function isTradingDay(day: number): boolean {
  const dow = weekday(day);
  if (dow === 0 || dow === 6) return false;
  const year = new Date(day * MS_PER_DAY).getUTCFullYear();
  return !holidays(year).has(day) && !SPECIAL_CLOSURES.has(day);
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
