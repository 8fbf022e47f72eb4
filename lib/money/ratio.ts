import { type Micro, MoneyError } from "./decimal";

export type WholeRatioOptions = {
  /** The new amount (shares after a split, say). */
  after: Micro;
  /** The old amount; positive. */
  before: Micro;
  /** Largest denominator tried; the smallest one that fits wins. */
  maxBefore: number;
  /** Largest numerator accepted. */
  maxAfter: number;
  /** How far after : before may be from the amounts' ratio, in parts per thousand of `after`. */
  tolerancePerMille: number;
};

/**
 * The smallest whole ratio a : b (b ≤ maxBefore, a ≤ maxAfter, a ≠ b) with a / b = after / before
 * exactly or within the tolerance, or null. Exact integers throughout: micros times small whole
 * numbers can pass 2^53, so the comparison runs on bigint.
 */
export function wholeRatio(options: WholeRatioOptions): { after: number; before: number } | null {
  const { maxBefore, maxAfter, tolerancePerMille } = options;
  if (options.before <= 0) throw new MoneyError(`wholeRatio needs a positive base, got ${options.before}`);
  if (options.after <= 0) return null;
  const held = BigInt(options.before);
  const total = BigInt(options.after);
  for (let before = 1; before <= maxBefore; before++) {
    const scaled = total * BigInt(before);
    // a = round(after × b / before), half up
    const after = (scaled * 2n + held) / (held * 2n);
    if (after < 1n || after > BigInt(maxAfter) || after === BigInt(before)) continue;
    const error = after * held - scaled;
    const magnitude = error < 0n ? -error : error;
    // |a × before − after × b| ≤ tolerance × after × b
    if (magnitude * 1000n <= scaled * BigInt(tolerancePerMille)) return { after: Number(after), before };
  }
  return null;
}
