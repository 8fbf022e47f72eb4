/**
 * Exact decimals as safe integers counting millionths ("micros").
 *
 * Money, prices, quantities and multipliers all use this one representation so that the P&L engine
 * never touches binary floating point: `"12.34"` is held as `12_340_000`. A JavaScript number holds
 * every integer up to 2^53 exactly, so one value can reach ±9,007,199,254.740991 — nine billion
 * dollars, contracts or shares — and every operation here checks that bound and throws
 * `MoneyError` instead of rounding silently. Six decimals cover Robinhood's prices (cents, sometimes
 * four places), fractional shares (six places) and pro-rata fee allocations.
 */

/** An exact decimal: an integer number of millionths. Never a fractional JS number. */
export type Micro = number;

export const MICRO_DIGITS = 6;
export const MICRO_PER_UNIT = 1_000_000;
export const ZERO: Micro = 0;

export class MoneyError extends Error {
  override readonly name = "MoneyError";
}

const CHAR_0 = 48;
const CHAR_9 = 57;
const CHAR_DOT = 46;
const CHAR_MINUS = 45;
const CHAR_PLUS = 43;
// Digits in a safe micro value: 16 in all, so at most 10 before the point.
const MAX_INTEGER_DIGITS = 10;

/**
 * Parses a plain decimal string (`"-12.5"`, `"0.44000000"`, `"100"`, `"1e2"` is rejected) into
 * micros. Digits past the sixth decimal must be zeros: a value that cannot be held exactly is an
 * error, never rounded.
 */
export function parseDecimal(text: string): Micro {
  const value = tryParseDecimal(text);
  if (value === null) {
    throw new MoneyError(`not an exact decimal with at most ${MICRO_DIGITS} places: ${JSON.stringify(text)}`);
  }
  return value;
}

/** Like `parseDecimal`, but returns null for anything it cannot hold exactly. */
export function tryParseDecimal(text: string): Micro | null {
  const length = text.length;
  let index = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === CHAR_MINUS || first === CHAR_PLUS) {
    negative = first === CHAR_MINUS;
    index = 1;
  }
  let integer = 0;
  let integerDigits = 0;
  let fraction = 0;
  let fractionDigits = -1;
  let sawDigit = false;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === CHAR_DOT) {
      if (fractionDigits >= 0) return null;
      fractionDigits = 0;
      continue;
    }
    if (code < CHAR_0 || code > CHAR_9) return null;
    const digit = code - CHAR_0;
    sawDigit = true;
    if (fractionDigits < 0) {
      // Leading zeros do not count against the digit budget.
      if (integerDigits > 0 || digit !== 0) integerDigits++;
      integer = integer * 10 + digit;
    } else if (fractionDigits < MICRO_DIGITS) {
      fraction = fraction * 10 + digit;
      fractionDigits++;
    } else if (digit !== 0) {
      return null;
    }
  }
  if (!sawDigit || integerDigits > MAX_INTEGER_DIGITS) return null;
  let scaledFraction = fraction;
  for (let digits = Math.max(fractionDigits, 0); digits < MICRO_DIGITS; digits++) scaledFraction *= 10;
  const magnitude = integer * MICRO_PER_UNIT + scaledFraction;
  if (!Number.isSafeInteger(magnitude)) return null;
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

// "00".."99", so the common whole-cent case formats without a loop.
const TWO_DIGITS = Array.from({ length: 100 }, (_, index) => String(index).padStart(2, "0"));
const MICROS_PER_CENT = 10_000;
const ZERO_TEXT = ["0", "0.0", "0.00"];
const MICROS_PER_TENTH = 100_000;

/**
 * Formats micros as a plain decimal string with at least `minFractionDigits` places and no trailing
 * zeros beyond them: 12_340_000 → "12.34", 1_000 → "0.001", -5_000_000 → "-5.00" (money default).
 */
export function formatDecimal(value: Micro, minFractionDigits = 2): string {
  assertMicro(value);
  // Zero is the most common value of all (fees on buys, events' close price): one shared string.
  if (value === 0 && minFractionDigits <= 2) return ZERO_TEXT[minFractionDigits] as string;
  const negative = value < 0;
  const magnitude = negative ? -value : value;
  const integer = Math.floor(magnitude / MICRO_PER_UNIT);
  const fraction = magnitude - integer * MICRO_PER_UNIT;
  let text: string;
  if (fraction === 0 && minFractionDigits === 0) text = String(integer);
  else if (fraction % MICROS_PER_CENT === 0 && minFractionDigits === 2) {
    text = `${integer}.${TWO_DIGITS[fraction / MICROS_PER_CENT]}`;
  } else if (fraction % MICROS_PER_TENTH === 0 && minFractionDigits === 0) {
    text = `${integer}.${fraction / MICROS_PER_TENTH}`;
  } else text = formatSlow(integer, fraction, minFractionDigits);
  return negative && magnitude !== 0 ? `-${text}` : text;
}

function formatSlow(integer: number, fullFraction: number, minFractionDigits: number): string {
  let fraction = fullFraction;
  let digits = MICRO_DIGITS;
  while (digits > minFractionDigits && fraction % 10 === 0) {
    fraction /= 10;
    digits--;
  }
  return digits > 0 ? `${integer}.${String(fraction).padStart(digits, "0")}` : String(integer);
}

/** Money as a string: at least two decimals ("12.30", "-0.003334"). */
export function formatMoney(value: Micro): string {
  return formatDecimal(value, 2);
}

/** Quantities and rates as a string: no forced decimals ("3", "0.5"). */
export function formatQuantity(value: Micro): string {
  return formatDecimal(value, 0);
}

/** Whole units (contracts, shares) to micros, with the same overflow check as parsing. */
export function fromUnits(units: number): Micro {
  const value = units * MICRO_PER_UNIT;
  if (!Number.isSafeInteger(units) || !Number.isSafeInteger(value)) {
    throw new MoneyError(`out of range: ${units}`);
  }
  return value;
}

export function assertMicro(value: Micro): void {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`not an exact micro value: ${value}`);
}
