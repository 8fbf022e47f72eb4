import { formatDecimal, type Micro, MoneyError } from "./decimal";
import { formatScaled, parseScaled, roundScaled, type Scaled, signOfDecimal } from "./text";

/**
 * Formatting for people (pages, charts) and for files (CSV). Everything works on exact decimal
 * strings ("-1234.56780000" as PostgreSQL numeric sends it) or micros, never through binary floating
 * point. On screen, values round half away from zero, once, here.
 */

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Rounded to `places`, split into sign, integer digits and exactly `places` fraction digits. */
function roundedParts(
  text: string,
  places: number,
): { negative: boolean; integer: string; fraction: string } {
  const rounded = roundScaled(parseScaled(text), places, "half-away-from-zero");
  const padded: Scaled =
    rounded.scale < places
      ? { units: rounded.units * 10n ** BigInt(places - rounded.scale), scale: places }
      : rounded;
  const negative = padded.units < 0n;
  const digits = formatScaled({ units: negative ? -padded.units : padded.units, scale: places });
  const [integer = "0", fraction = ""] = digits.split(".");
  return { negative, integer, fraction };
}

export type DisplayMoneyOptions = {
  /** Show "+" on gains as well as "-" on losses. */
  signed?: boolean;
  /** Fraction digits shown, 2 by default. */
  digits?: number;
};

/** Money for people: "1234.5" → "$1,234.50"; "-0.004" → "$0.00"; "-12.345" → "-$12.35"; signed: "+$3.00". */
export function displayMoney(value: string, options: DisplayMoneyOptions = {}): string {
  const digits = options.digits ?? 2;
  const rounded = roundedParts(value, digits);
  const body = `$${group(rounded.integer)}${digits > 0 ? `.${rounded.fraction}` : ""}`;
  if (rounded.negative) return `-${body}`;
  const showsNonZero = /[1-9]/.test(`${rounded.integer}${rounded.fraction}`);
  return options.signed && signOfDecimal(value) === "positive" && showsNonZero ? `+${body}` : body;
}

export type DisplayDecimalOptions = { minDigits?: number; maxDigits?: number; grouping?: boolean };

/**
 * A price, strike or quantity for people: at most `maxDigits` places (rounded), trailing zeros dropped
 * down to `minDigits`. "250.00000000" → "250"; "1.27000000" (min 2) → "1.27"; "0.12345" → "0.1235".
 */
export function displayDecimal(value: string, options: DisplayDecimalOptions = {}): string {
  const minDigits = options.minDigits ?? 0;
  const maxDigits = Math.max(options.maxDigits ?? 4, minDigits);
  const rounded = roundedParts(value, maxDigits);
  let fraction = rounded.fraction;
  while (fraction.length > minDigits && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const integer = options.grouping === false ? rounded.integer : group(rounded.integer);
  return `${rounded.negative ? "-" : ""}${integer}${fraction ? `.${fraction}` : ""}`;
}

/** A fraction as a percentage, exactly: "0.0125" → "1.25 %", "-0.5" → "-50.00 %". */
export function displayPercent(fraction: string, digits = 2): string {
  const value = parseScaled(fraction);
  // × 100 is a shift of the decimal point: exact at any scale.
  const percent: Scaled =
    value.scale >= 2
      ? { units: value.units, scale: value.scale - 2 }
      : { units: value.units * 10n ** BigInt(2 - value.scale), scale: 0 };
  return `${displayDecimal(formatScaled(percent), { minDigits: digits, maxDigits: digits })} %`;
}

/** Only for drawing (chart coordinates): never use the result for display or arithmetic. */
export function decimalToNumberForDrawing(value: string): number {
  parseScaled(value);
  return Number(value);
}

/**
 * A chart coordinate back as money for an axis label, rounded to `digits` places. The coordinate is
 * already a float (it was drawn), so this is the one place a float becomes money text, and only for
 * a label.
 */
export function displayMoneyFromDrawing(value: number, digits: number): string {
  if (!Number.isFinite(value)) throw new MoneyError(`not a finite coordinate: ${value}`);
  return displayMoney(value.toFixed(digits), { digits });
}

/**
 * A chart axis tick, rounded for a narrow axis: "$1.2k", "-$300", "$2M". Ticks are scale positions
 * chosen by the chart library, not figures of the user's money, so a float is what arrives here;
 * every figure a person reads as their P&L goes through `displayMoney` from the exact text instead.
 */
export function displayAxisMoney(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyError(`not a finite axis value: ${value}`);
  const magnitude = Math.abs(value);
  const sign = value < 0 ? "-" : "";
  const trim = (scaled: number) =>
    scaled >= 100 ? scaled.toFixed(0) : scaled.toFixed(1).replace(/\.0$/, "");
  if (magnitude >= 1_000_000) return `${sign}$${trim(magnitude / 1_000_000)}M`;
  if (magnitude >= 1_000) return `${sign}$${trim(magnitude / 1_000)}k`;
  return `${sign}$${Math.round(magnitude)}`;
}

/**
 * Money in a CSV file Rollbook writes: the plain decimal with at least two places ("-1234.50"), no
 * currency sign, no grouping, a leading "-" for losses, so spreadsheets read it as a number.
 */
export function csvMoney(value: Micro): string {
  return formatDecimal(value, 2);
}

/**
 * Money as Robinhood's activity report prints it in its Price and Amount columns: "$1,234.56", and
 * losses in parentheses, "($1,234.56)". Two places, rounded half away from zero.
 */
export function formatReportMoney(value: string): string {
  const rounded = roundedParts(value, 2);
  const text = `$${group(rounded.integer)}.${rounded.fraction}`;
  return rounded.negative ? `(${text})` : text;
}
