import { MICRO_DIGITS, MICRO_PER_UNIT, type Micro, MoneyError } from "./decimal";

/**
 * Exact arithmetic on micros. Sums and products are computed with plain numbers when the result is a
 * safe integer (the common case, and the fast one) and checked: when a true result lies beyond 2^53
 * the float result does too, so `Number.isSafeInteger` catches every overflow. Intermediate
 * products that do not fit fall back to bigint. Nothing here rounds except the functions whose name
 * says so, which callers use at one named step each.
 */

const BIG_MICRO = 1_000_000n;

export function add(a: Micro, b: Micro): Micro {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new MoneyError(`sum out of range: ${a} + ${b} micros`);
  return sum;
}

export function sub(a: Micro, b: Micro): Micro {
  const difference = a - b;
  if (!Number.isSafeInteger(difference)) throw new MoneyError(`difference out of range: ${a} - ${b} micros`);
  return difference;
}

export function negate(a: Micro): Micro {
  return a === 0 ? 0 : -a;
}

export function sum(values: readonly Micro[]): Micro {
  let total = 0;
  for (const value of values) total = add(total, value);
  return total;
}

/**
 * Rounding rules for the few named steps that must round: "half-even" (banker's, the engine's
 * allocations), "truncate" (toward zero, pro-rata shares) and "half-away-from-zero" (what people
 * expect on screen and what brokers print: 0.005 → 0.01, -0.005 → -0.01).
 */
export type Rounding = "half-even" | "truncate" | "half-away-from-zero";

/**
 * a × b, exact. Throws when the product has more than six decimals (a price with four places times
 * a fractional quantity, say); callers that accept rounding there use `mulRounded`.
 */
export function mul(a: Micro, b: Micro): Micro {
  const product = tryMulExact(a, b);
  if (product === null) {
    throw new MoneyError(`product of ${a} and ${b} micros is not exact at six decimals or out of range`);
  }
  return product;
}

function tryMulExact(a: Micro, b: Micro): Micro | null {
  // Whole quantities and multipliers are the usual case: scale down first, no rounding possible.
  if (b % MICRO_PER_UNIT === 0) return checked(a * (b / MICRO_PER_UNIT));
  if (a % MICRO_PER_UNIT === 0) return checked(b * (a / MICRO_PER_UNIT));
  const raw = a * b;
  if (Number.isSafeInteger(raw)) return raw % MICRO_PER_UNIT === 0 ? raw / MICRO_PER_UNIT : null;
  const big = BigInt(a) * BigInt(b);
  if (big % BIG_MICRO !== 0n) return null;
  return bigToMicro(big / BIG_MICRO);
}

/** a × b rounded to six decimals with the given mode; the one place where products may round. */
export function mulRounded(a: Micro, b: Micro, rounding: Rounding): Micro {
  const exact = tryMulExact(a, b);
  if (exact !== null) return exact;
  return divideBig(BigInt(a) * BigInt(b), BIG_MICRO, rounding);
}

/** a × b × c rounded once to six decimals (exact whenever the product is). */
export function mul3Rounded(a: Micro, b: Micro, c: Micro, rounding: Rounding): Micro {
  const ab = tryMulExact(a, b);
  if (ab !== null) return mulRounded(ab, c, rounding);
  return divideBig(BigInt(a) * BigInt(b) * BigInt(c), BIG_MICRO * BIG_MICRO, rounding);
}

/**
 * value × part / whole, truncated toward zero: the pro-rata share of `value` that `part` of `whole`
 * carries. Callers keep `value - share` with the remaining part, so shares always add back up to the
 * original exactly, and the rounding is at most one micro per split.
 */
export function prorate(value: Micro, part: Micro, whole: Micro): Micro {
  if (whole <= 0) throw new MoneyError(`cannot prorate over ${whole}`);
  if (part < 0 || part > whole) throw new MoneyError(`part ${part} outside 0..${whole}`);
  if (part === whole) return value;
  if (part === 0 || value === 0) return 0;
  const product = value * part;
  if (Number.isSafeInteger(product)) return truncDiv(product, whole);
  return divideBig(BigInt(value) * BigInt(part), BigInt(whole), "truncate");
}

/** `value` rounded to `places` decimals (0 to 6) with the given rule: to the cent is `places` 2. */
export function roundMicro(value: Micro, places: number, rounding: Rounding): Micro {
  if (!Number.isInteger(places) || places < 0 || places > MICRO_DIGITS) {
    throw new MoneyError(`cannot round micros to ${places} places`);
  }
  const unit = 10 ** (MICRO_DIGITS - places);
  if (unit === 1 || value % unit === 0) return value;
  return mul(divideBig(BigInt(value), BigInt(unit), rounding), unit * MICRO_PER_UNIT);
}

/** a / b as micros (both micros), rounded with the given mode. */
export function divRounded(a: Micro, b: Micro, rounding: Rounding): Micro {
  if (b === 0) throw new MoneyError("division by zero");
  return divideBig(BigInt(a) * BIG_MICRO, BigInt(b), rounding);
}

/**
 * value × numerator / denominator (a ratio of two micros, so the units cancel), rounded once with the
 * given mode; exact whenever the result has at most six decimals (a 2:1 or 3:2 split of shares).
 */
export function scaleRounded(value: Micro, numerator: Micro, denominator: Micro, rounding: Rounding): Micro {
  if (denominator === 0) throw new MoneyError("division by zero");
  return divideBig(BigInt(value) * BigInt(numerator), BigInt(denominator), rounding);
}

/** Integer division by a positive divisor, truncated toward zero, exact even near 2^53. */
function truncDiv(numerator: number, divisor: number): number {
  // Near 2^53 the check below could itself round; those rare sizes take the bigint path.
  if (Math.abs(numerator) > 2 ** 52) return divideBig(BigInt(numerator), BigInt(divisor), "truncate");
  let quotient = Math.trunc(numerator / divisor);
  // The float quotient can land on the wrong side of an integer; the remainder says which way.
  const remainder = numerator - quotient * divisor;
  if (numerator >= 0) {
    if (remainder < 0) quotient--;
    else if (remainder >= divisor) quotient++;
  } else if (remainder > 0) quotient++;
  else if (remainder <= -divisor) quotient--;
  return quotient === 0 ? 0 : quotient;
}

/** numerator / denominator rounded with the given rule, as micros (range-checked). */
export function divideBig(numerator: bigint, denominator: bigint, rounding: Rounding): Micro {
  return bigToMicro(divideBigToBig(numerator, denominator, rounding));
}

/** numerator / denominator rounded with the given rule, unbounded (for the text functions). */
export function divideBigToBig(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator === 0n) throw new MoneyError("division by zero");
  let quotient = numerator / denominator;
  if (rounding === "truncate") return quotient;
  const remainder = numerator - quotient * denominator;
  if (remainder !== 0n) {
    const twice = 2n * (remainder < 0n ? -remainder : remainder);
    const magnitude = denominator < 0n ? -denominator : denominator;
    const direction = numerator < 0n !== denominator < 0n ? -1n : 1n;
    const tie = twice === magnitude && (rounding === "half-away-from-zero" || quotient % 2n !== 0n);
    if (twice > magnitude || tie) quotient += direction;
  }
  return quotient;
}

function bigToMicro(value: bigint): Micro {
  const result = Number(value);
  if (!Number.isSafeInteger(result)) throw new MoneyError(`result out of range: ${value} micros`);
  return result === 0 ? 0 : result;
}

function checked(value: number): Micro {
  if (!Number.isSafeInteger(value)) throw new MoneyError(`product out of range: ${value}`);
  return value === 0 ? 0 : value;
}

export function compare(a: Micro, b: Micro): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function abs(a: Micro): Micro {
  return a < 0 ? -a : a;
}
