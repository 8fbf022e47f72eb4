/**
 * Display formatting of exact decimal strings ("-1234.56780000" as PostgreSQL numeric sends it).
 * Everything works on the digits as text, so no value ever passes through binary floating point on
 * its way to the screen. Rounding is half away from zero, at the one place a value is displayed.
 */

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

export type DecimalSign = "positive" | "negative" | "zero";

type Parts = { negative: boolean; integer: string; fraction: string };

function parse(value: string): Parts {
  const match = DECIMAL.exec(value.trim());
  if (!match) throw new Error(`Not a plain decimal string: ${JSON.stringify(value)}`);
  const integer = (match[2] ?? "0").replace(/^0+(?=\d)/, "");
  return { negative: match[1] === "-", integer, fraction: match[3] ?? "" };
}

/** Adds one unit in the last place of a string of digits ("0999" → "1000"). */
function incrementDigits(digits: string): string {
  const out = digits.split("");
  for (let index = out.length - 1; index >= 0; index--) {
    if (out[index] === "9") {
      out[index] = "0";
    } else {
      out[index] = String(Number(out[index]) + 1);
      return out.join("");
    }
  }
  return `1${out.join("")}`;
}

/** Rounds half away from zero to exactly `digits` fraction digits. */
function round(parts: Parts, digits: number): Parts {
  const padded = parts.fraction.padEnd(digits + 1, "0");
  const kept = padded.slice(0, digits);
  const roundUp = (padded[digits] ?? "0") >= "5";
  let integer = parts.integer;
  let fraction = kept;
  if (roundUp) {
    const bumped = incrementDigits(`${integer}${kept}`);
    integer = bumped.slice(0, bumped.length - digits) || "0";
    fraction = bumped.slice(bumped.length - digits);
  }
  const isZero = /^0*$/.test(integer) && /^0*$/.test(fraction);
  return { negative: parts.negative && !isZero, integer, fraction };
}

function group(integer: string): string {
  return integer.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

export type FormatMoneyOptions = {
  /** Show "+" on gains as well as "−" on losses. */
  signed?: boolean;
  /** Fraction digits shown, 2 by default. */
  digits?: number;
};

/** "1234.5" → "$1,234.50"; "-0.004" → "$0.00"; "-12.345" → "-$12.35"; signed: "+$3.00". */
export function formatMoney(value: string, options: FormatMoneyOptions = {}): string {
  const digits = options.digits ?? 2;
  const rounded = round(parse(value), digits);
  const body = `$${group(rounded.integer)}${digits > 0 ? `.${rounded.fraction}` : ""}`;
  if (rounded.negative) return `-${body}`;
  return options.signed && signOfDecimal(value) === "positive" && !isZeroParts(rounded) ? `+${body}` : body;
}

export type FormatDecimalOptions = { minDigits?: number; maxDigits?: number; grouping?: boolean };

/**
 * A price, strike or quantity: at most `maxDigits` places (rounded), trailing zeros dropped down to
 * `minDigits`. "250.00000000" → "250" (min 0); "1.27000000" → "1.27"; "0.12345" → "0.1235" (max 4).
 */
export function formatDecimal(value: string, options: FormatDecimalOptions = {}): string {
  const minDigits = options.minDigits ?? 0;
  const maxDigits = Math.max(options.maxDigits ?? 4, minDigits);
  const rounded = round(parse(value), maxDigits);
  let fraction = rounded.fraction;
  while (fraction.length > minDigits && fraction.endsWith("0")) fraction = fraction.slice(0, -1);
  const integer = options.grouping === false ? rounded.integer : group(rounded.integer);
  return `${rounded.negative ? "-" : ""}${integer}${fraction ? `.${fraction}` : ""}`;
}

/** The sign of an exact decimal, read from its digits (for green/red, never from a float). */
export function signOfDecimal(value: string): DecimalSign {
  const parts = parse(value);
  if (isZeroParts(parts)) return "zero";
  return parts.negative ? "negative" : "positive";
}

/** Only for drawing (chart coordinates): never use the result for display or arithmetic. */
export function decimalToNumberForDrawing(value: string): number {
  parse(value);
  return Number(value);
}

function isZeroParts(parts: Parts): boolean {
  return /^0*$/.test(parts.integer) && /^0*$/.test(parts.fraction);
}

/** A fraction as a percentage, from its digits: "0.0125" → "1.25 %", "-0.5" → "-50.00 %". */
export function formatPercent(fraction: string, digits = 2): string {
  const parts = parse(fraction);
  const wholePercent = `${parts.integer}${parts.fraction.padEnd(2, "0").slice(0, 2)}`.replace(
    /^0+(?=\d)/,
    "",
  );
  const shifted = `${parts.negative ? "-" : ""}${wholePercent}.${parts.fraction.slice(2) || "0"}`;
  return `${formatDecimal(shifted, { minDigits: digits, maxDigits: digits })} %`;
}
