import { divideBig, divideBigToBig, type Rounding } from "./arithmetic";
import { type Micro, MoneyError, parseDecimal } from "./decimal";

/**
 * Exact arithmetic on decimal strings, for callers that hold text: the sync (Robinhood sends every
 * amount as a string, up to 17 decimals), the read models (PostgreSQL `numeric(24, 8)` arrives as
 * text) and the display. Micros cannot hold those (eight decimals, sixteen integer digits), so a
 * value is held here, and only here, as a bigint count of 10^-scale units. Nothing rounds except
 * `roundDecimal` and the functions whose name or options say so.
 */
export type Scaled = { units: bigint; scale: number };

const PLAIN = /^([-+]?)(\d+)(?:\.(\d*))?$/;
const WITH_EXPONENT = /^([-+]?)(\d+)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;
// Longer text is not an amount any broker or column sends; refusing it bounds the work per value.
const MAX_TEXT_LENGTH = 100;
const MAX_EXPONENT = 40;

function tooLong(text: string): never {
  throw new MoneyError(
    `decimal too long (over ${MAX_TEXT_LENGTH} characters): ${JSON.stringify(text.slice(0, 40))}…`,
  );
}

/** Parses a plain decimal string (`"-1.50"`, `"+3"`, `"2."`; surrounding spaces ignored). */
export function parseScaled(text: string): Scaled {
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT_LENGTH) tooLong(text);
  const match = PLAIN.exec(trimmed);
  if (!match) throw new MoneyError(`not a plain decimal string: ${JSON.stringify(text)}`);
  const [, sign = "", whole = "0", fraction = ""] = match;
  const units = BigInt(`${whole}${fraction}`);
  return { units: sign === "-" ? -units : units, scale: fraction.length };
}

/** Whether `text` is a plain decimal string `parseScaled` accepts. */
export function isPlainDecimal(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.length <= MAX_TEXT_LENGTH && PLAIN.test(trimmed);
}

export function formatScaled(value: Scaled): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, "0");
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** The same value with trailing fractional zeros removed (`1.2500` → `1.25`). */
export function trimScale(value: Scaled): Scaled {
  let { units, scale } = value;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Units at a larger scale (exact); lowering the scale is rounding, so it is `roundScaled`'s job. */
export function atScale(value: Scaled, scale: number): bigint {
  if (scale < value.scale) throw new MoneyError(`cannot lower the scale of ${formatScaled(value)} exactly`);
  return value.units * 10n ** BigInt(scale - value.scale);
}

/** Rounds to `places` decimals with the named rule; exact values keep their digits. */
export function roundScaled(value: Scaled, places: number, rounding: Rounding): Scaled {
  if (places >= value.scale) return value;
  return { units: divideBigToBig(value.units, 10n ** BigInt(value.scale - places), rounding), scale: places };
}

/**
 * Any decimal literal, plain or with an exponent (`"6.00000000000000000"`, `"0E-8"`, `"1.5e3"`), as
 * the shortest plain string of the same value: `"6"`, `"0"`, `"1500"`. What a `Decimal` column's
 * `toString()` gives (it switches to exponents for tiny values) becomes text every caller can read.
 */
export function canonicalDecimal(text: string): string {
  return formatScaled(trimScale(parseWithExponent(text)));
}

/**
 * A decimal literal with an optional exponent rewritten as a plain decimal, keeping its digits
 * (`"1.50"` stays `"1.50"`, `"15E-1"` → `"1.5"`).
 */
export function plainDecimal(text: string): string {
  return formatScaled(parseWithExponent(text));
}

function parseWithExponent(text: string): Scaled {
  const trimmed = text.trim();
  if (trimmed.length > MAX_TEXT_LENGTH) tooLong(text);
  const match = WITH_EXPONENT.exec(trimmed);
  if (!match) throw new MoneyError(`not a decimal: ${JSON.stringify(text)}`);
  const [, sign = "", whole = "0", fraction = "", exponentText] = match;
  const exponent = exponentText === undefined ? 0 : Number.parseInt(exponentText, 10);
  if (Math.abs(exponent) > MAX_EXPONENT)
    throw new MoneyError(`exponent out of range: ${JSON.stringify(text)}`);
  const digits = BigInt(`${whole}${fraction}`);
  const signed = sign === "-" ? -digits : digits;
  const scale = fraction.length - exponent;
  return scale >= 0 ? { units: signed, scale } : { units: signed * 10n ** BigInt(-scale), scale: 0 };
}

/** a + b, exact, at the wider of the two scales (`"1.50" + "2"` → `"3.50"`). */
export function addDecimals(a: string, b: string): string {
  return sumDecimals([a, b]);
}

/** a − b, exact, at the wider of the two scales. */
export function subtractDecimals(a: string, b: string): string {
  return sumDecimals([a, negateDecimal(b)]);
}

/** The exact sum, at the widest scale of its terms; `"0"` for none. */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parseScaled);
  const scale = Math.max(0, ...parsed.map((value) => value.scale));
  const units = parsed.reduce((total, value) => total + atScale(value, scale), 0n);
  return formatScaled({ units, scale });
}

/** −a, keeping its scale (`"1.50"` → `"-1.50"`, `"0.00"` stays `"0.00"`). */
export function negateDecimal(text: string): string {
  const value = parseScaled(text);
  return formatScaled({ units: -value.units, scale: value.scale });
}

/** a × b, exact (the scales add), without trailing zeros: a price × a quantity × a multiplier. */
export function multiplyDecimals(...factors: readonly [string, string, ...string[]]): string {
  let product: Scaled = { units: 1n, scale: 0 };
  for (const factor of factors) {
    const value = parseScaled(factor);
    product = { units: product.units * value.units, scale: product.scale + value.scale };
  }
  return formatScaled(trimScale(product));
}

/**
 * a ÷ b rounded once, with the named rule, to exactly `places` decimals: a ratio of two exact
 * decimals (a distance to the strike as a fraction of the stock's price). Dividing by zero throws.
 */
export function divideDecimals(a: string, b: string, places: number, rounding: Rounding): string {
  const x = parseScaled(a);
  const y = parseScaled(b);
  if (y.units === 0n) throw new MoneyError(`cannot divide ${a} by zero`);
  // a/b = (xu / 10^xs) / (yu / 10^ys); scaled to 10^places: xu * 10^(places + ys - xs) / yu.
  const shift = places + y.scale - x.scale;
  const numerator = shift >= 0 ? x.units * 10n ** BigInt(shift) : x.units;
  const denominator = shift >= 0 ? y.units : y.units * 10n ** BigInt(-shift);
  return formatScaled({ units: divideBigToBig(numerator, denominator, rounding), scale: places });
}

/** Rounds to `places` decimals with the named rule, and pads to exactly `places` (`"1.005"`, 2, half-away → `"1.01"`). */
export function roundDecimal(text: string, places: number, rounding: Rounding): string {
  const rounded = roundScaled(parseScaled(text), places, rounding);
  return formatScaled({ units: atScale(rounded, places), scale: places });
}

/** -1, 0 or 1 as a is below, equal to or above b (by value: `"1.50"` equals `"1.5"`). */
export function compareDecimals(a: string, b: string): number {
  const x = parseScaled(a);
  const y = parseScaled(b);
  const scale = Math.max(x.scale, y.scale);
  const difference = atScale(x, scale) - atScale(y, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export type DecimalSign = "positive" | "negative" | "zero";

/** The sign of an exact decimal, read from its digits (for green/red, never from a float). */
export function signOfDecimal(text: string): DecimalSign {
  const { units } = parseScaled(text);
  return units === 0n ? "zero" : units < 0n ? "negative" : "positive";
}

/**
 * Rounds a decimal string to micros with the named rule (the one step where a broker's eight-place
 * average price becomes six), returning the micros and whether anything was dropped.
 */
export function decimalToMicro(text: string, rounding: Rounding): { value: Micro; rounded: boolean } {
  const parsed = parseScaled(text);
  const value = parseDecimal(formatScaled(roundScaled(parsed, 6, rounding)));
  return { value, rounded: trimScale(parsed).scale > 6 };
}

export type SplitProRataOptions = {
  /** The whole to split. */
  total: string;
  /** One weight per piece (quantities), in the order the remainder should be placed: the last takes it. */
  weights: readonly string[];
  /** Fewest decimals of the pieces: 2 keeps fees in cents even when the total is `"1"`. */
  minScale?: number;
};

/**
 * Splits `total` pro rata by `weights`, exactly: every piece but the last is truncated toward zero
 * in the total's own minor unit (or `minScale`, if finer), and the last takes the remainder, so the
 * pieces always add up to the total. All-zero weights put everything on the last piece.
 */
export function splitProRata(options: SplitProRataOptions): string[] {
  const { weights } = options;
  if (weights.length === 0) return [];
  const total = trimScale(parseScaled(options.total));
  const scale = Math.max(options.minScale ?? 0, total.scale);
  const totalUnits = atScale(total, scale);

  const parsed = weights.map(parseScaled);
  const weightScale = Math.max(0, ...parsed.map((weight) => weight.scale));
  const units = parsed.map((weight) => atScale(weight, weightScale));
  if (units.some((weight) => weight < 0n)) throw new MoneyError("cannot split by a negative weight");
  const whole = units.reduce((sum, weight) => sum + weight, 0n);

  let allocated = 0n;
  return units.map((weight, index) => {
    const last = index === units.length - 1;
    // bigint division truncates toward zero, so no piece but the last exceeds its exact share.
    const piece = last ? totalUnits - allocated : whole === 0n ? 0n : (totalUnits * weight) / whole;
    allocated += piece;
    return formatScaled({ units: piece, scale });
  });
}

/**
 * An integer count of 10^-scale units printed with exactly `places` decimals (`places >= scale`, so
 * nothing rounds): 12_700 cents at scale 2 with 8 places → `"127.00000000"`.
 */
export function formatMinorUnits(units: number | bigint, scale: number, places: number): string {
  if (typeof units === "number" && !Number.isSafeInteger(units)) {
    throw new MoneyError(`not an integer amount: ${units}`);
  }
  if (places < scale) throw new MoneyError("formatMinorUnits only pads; round explicitly first");
  const value: Scaled = { units: BigInt(units), scale };
  return formatScaled({ units: atScale(value, places), scale: places });
}

/** numerator / denominator for integers, rounded once with the named rule (a positive denominator). */
export function divideIntegers(numerator: number, denominator: number, rounding: Rounding): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new MoneyError(`divideIntegers needs safe integers: ${numerator} / ${denominator}`);
  }
  if (denominator <= 0) throw new MoneyError("divideIntegers needs a positive denominator");
  return divideBig(BigInt(numerator), BigInt(denominator), rounding);
}
