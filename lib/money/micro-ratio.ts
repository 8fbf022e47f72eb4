import { MICRO_PER_UNIT, type Micro } from "./decimal";

/**
 * An exact ratio of two micros (so the units cancel: wins ÷ positions, gross wins ÷ gross losses,
 * dollars ÷ positions). Statistics keep their ratios exact and round once, when they are shown, by
 * `RATIO_ROUNDING`.
 */
export type Ratio = { numerator: Micro; denominator: Micro };

/**
 * The one rounding rule of every statistic shown: half away from zero at the digits displayed, the
 * rule `components/format` uses for money, so an average shows what formatting its exact value would.
 */
export const RATIO_ROUNDING = "half-away-from-zero" as const;

/** numerator ÷ denominator, or null when the denominator is zero (no positions, no losses). */
export function ratioOf(numerator: Micro, denominator: Micro): Ratio | null {
  return denominator === 0 ? null : { numerator, denominator };
}

/** Whole units (a count of positions, days) as micros, so counts and money share one ratio type. */
export function unitsToMicros(units: number): Micro {
  if (!Number.isSafeInteger(units * MICRO_PER_UNIT)) throw new RangeError(`Count out of range: ${units}`);
  return units * MICRO_PER_UNIT;
}

/**
 * The ratio times `scale` (1 for a plain value, 100 for a percentage) as a decimal string with exactly
 * `digits` fraction digits, rounded by `RATIO_ROUNDING`. Computed in bigint, so it is exact for every
 * pair of micros. ratioText({ 2, 3 }, { digits: 1, scale: 100 }) → "66.7".
 */
export function ratioText(ratio: Ratio, options: { digits: number; scale?: number }): string {
  const scale = BigInt(options.scale ?? 1);
  const negative = ratio.numerator < 0 !== ratio.denominator < 0 && ratio.numerator !== 0;
  const numerator = BigInt(Math.abs(ratio.numerator)) * scale * 10n ** BigInt(options.digits);
  const denominator = BigInt(Math.abs(ratio.denominator));
  let quotient = numerator / denominator;
  // Half away from zero: round up when the remainder is at least half the divisor.
  if ((numerator % denominator) * 2n >= denominator) quotient += 1n;
  const digits = quotient.toString().padStart(options.digits + 1, "0");
  const whole = digits.slice(0, digits.length - options.digits);
  const fraction = digits.slice(digits.length - options.digits);
  const sign = negative && quotient !== 0n ? "-" : "";
  return `${sign}${whole}${options.digits > 0 ? `.${fraction}` : ""}`;
}

/**
 * How many of `steps` equal parts of the ratio's magnitude are needed to cover it, rounded up, as a
 * whole number: ratioStepsUp({ 1, 4 }, 4) → 1, ratioStepsUp({ 3, 4 }, 4) → 3. Exact (bigint), so a
 * value a micro short of the denominator is not put level with it by a float.
 */
export function ratioStepsUp(ratio: Ratio, steps: number): number {
  const numerator = BigInt(Math.abs(ratio.numerator)) * BigInt(steps);
  const denominator = BigInt(Math.abs(ratio.denominator));
  return Number((numerator + denominator - 1n) / denominator);
}
