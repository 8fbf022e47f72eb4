/** Calendar dates as day numbers (days since 1970-01-01); pure, no clock and no time zone. */

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const cache = new Map<string, number>();
// Consecutive fills mostly share a date; one remembered entry skips even the map lookup.
let lastText = "";
let lastDay = Number.NaN;

/** Day number of a `YYYY-MM-DD` date, or NaN when the text is not a real calendar date. */
export function dayNumber(date: string): number {
  if (date === lastText) return lastDay;
  const cached = cache.get(date);
  if (cached !== undefined) {
    lastText = date;
    lastDay = cached;
    return cached;
  }
  return parseDay(date);
}

function parseDay(date: string): number {
  const match = DATE_PATTERN.exec(date);
  let result = Number.NaN;
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2]);
    const day = Number(match[3]);
    const time = Date.UTC(year, month - 1, day);
    const check = new Date(time);
    // Date.UTC rolls 2023-02-30 over into March; a real date survives the round trip.
    if (check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day) {
      result = time / MS_PER_DAY;
    }
  }
  // Dates repeat heavily (every fill of a day), so the parse is memoised; the cache stays small.
  if (cache.size > 100_000) cache.clear();
  cache.set(date, result);
  lastText = date;
  lastDay = result;
  return result;
}

export function isDate(date: string): boolean {
  return !Number.isNaN(dayNumber(date));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
