import { item } from "./cells";

/** Calendar dates as day numbers (days since 1970-01-01); pure, no clock and no time zone. */

const CHAR_0 = 48;
const CHAR_DASH = 45;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Consecutive fills mostly share a date; one remembered entry skips even the parse.
let lastText = "";
let lastDay = Number.NaN;

/**
 * Day number of a `YYYY-MM-DD` date, or NaN when the text is not a real calendar date (or its year
 * is before 0100). Parsed digit by digit: a history can hold hundreds of thousands of distinct date
 * strings, and parsing one is cheaper than looking it up.
 */
export function dayNumber(date: string): number {
  if (date === lastText) return lastDay;
  const result = parseDay(date);
  lastText = date;
  lastDay = result;
  return result;
}

function parseDay(date: string): number {
  if (typeof date !== "string" || date.length !== 10) return Number.NaN;
  if (date.charCodeAt(4) !== CHAR_DASH || date.charCodeAt(7) !== CHAR_DASH) return Number.NaN;
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (year < 100 || month < 1 || month > 12 || day < 1) return Number.NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : item(DAYS_IN_MONTH, month - 1);
  return day > monthDays ? Number.NaN : daysFromCivil(year, month, day);
}

/** The decimal value of `text[start..end)`, or −1 when any of it is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - CHAR_0;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Days from 1970-01-01 to a proleptic Gregorian date (the civil-calendar algorithm, all integers). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

// Rows name the same few thousand trading days hundreds of thousands of times: each day's text is
// made once and shared, which spares both the formatting and the garbage. Days outside the table
// (before 1970 or after 2099) are formatted each time.
const CACHED_DAYS = 47_482;
const dayTexts: (string | undefined)[] = new Array(CACHED_DAYS);

/** The `YYYY-MM-DD` text of a day number (the inverse of `dayNumber` for years 0100–9999). */
export function formatDay(day: number): string {
  if (day >= 0 && day < CACHED_DAYS && day === Math.trunc(day)) {
    const known = dayTexts[day];
    if (known !== undefined) return known;
    const text = formatCivil(day);
    dayTexts[day] = text;
    return text;
  }
  return formatCivil(day);
}

function formatCivil(day: number): string {
  const [year, month, date] = civilFromDays(day);
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${date < 10 ? "0" : ""}${date}`;
}

/** The proleptic Gregorian date of a day number (the inverse of `daysFromCivil`). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const date = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, date];
}

const CHAR_T = 84;
const CHAR_COLON = 58;
const CHAR_DOT = 46;
const CHAR_Z = 90;
const DAY_MS = 86_400_000;

/**
 * Milliseconds since the epoch of an ISO-8601 instant, or NaN. The shape every source here writes,
 * `YYYY-MM-DDTHH:MM:SS[.fff…]Z`, is read digit by digit (what `Date.parse` gives, fractions past the
 * millisecond dropped), since the object input has one per fill; any other shape goes to
 * `Date.parse`.
 */
export function instantMs(text: string): number {
  if (
    text.length >= 20 &&
    text.charCodeAt(10) === CHAR_T &&
    text.charCodeAt(13) === CHAR_COLON &&
    text.charCodeAt(16) === CHAR_COLON &&
    text.charCodeAt(text.length - 1) === CHAR_Z
  ) {
    const day = dayNumber(text.slice(0, 10));
    const hour = digits(text, 11, 13);
    const minute = digits(text, 14, 16);
    const second = digits(text, 17, 19);
    let ms = 0;
    let valid = !Number.isNaN(day) && hour >= 0 && hour < 24 && minute >= 0 && minute < 60;
    valid &&= second >= 0 && second < 60;
    if (valid && text.length > 20) {
      const fraction = text.length - 21;
      valid = text.charCodeAt(19) === CHAR_DOT && fraction >= 1 && fraction <= 9;
      if (valid) {
        ms = digits(text, 20, 20 + Math.min(fraction, 3));
        valid = ms >= 0 && digits(text, 20, text.length - 1) >= 0;
        if (fraction < 3) ms *= fraction === 1 ? 100 : 10;
      }
    }
    if (valid) return day * DAY_MS + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms;
  }
  return Date.parse(text);
}

export function isDate(date: string): boolean {
  return !Number.isNaN(dayNumber(date));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}
