import "server-only";
import { atScale, formatScaled, parseScaled, trimScale } from "./scaled-decimal";

/**
 * Splits an order's fees over its executions pro rata by quantity, exactly: every share but the last
 * is rounded toward zero in the fee's own minor unit (cents, or finer if the fee has more places),
 * and the last takes the remainder, so the shares always add up to the order's fees.
 *
 * `quantities` must be in the order the caller wants the remainder placed (the last fill last).
 */
export function allocateFees(totalFees: string, quantities: readonly string[]): string[] {
  if (quantities.length === 0) return [];
  const total = trimScale(parseScaled(totalFees));
  const scale = Math.max(2, total.scale);
  const totalUnits = atScale(total, scale);

  const parsed = quantities.map(parseScaled);
  const quantityScale = Math.max(0, ...parsed.map((q) => q.scale));
  const units = parsed.map((q) => atScale(q, quantityScale));
  const sum = units.reduce((acc, q) => acc + q, 0n);

  const shares: bigint[] = [];
  let allocated = 0n;
  units.forEach((quantity, index) => {
    const last = index === units.length - 1;
    // BigInt division truncates toward zero, so a share never exceeds its exact pro-rata value.
    const share = last ? totalUnits - allocated : sum === 0n ? 0n : (totalUnits * quantity) / sum;
    allocated += share;
    shares.push(share);
  });
  return shares.map((share) => formatScaled({ units: share, scale }));
}

/** Sum of decimal strings, exact. */
export function sumDecimals(values: readonly string[]): string {
  const parsed = values.map(parseScaled);
  const scale = Math.max(0, ...parsed.map((v) => v.scale));
  const units = parsed.reduce((acc, v) => acc + atScale(v, scale), 0n);
  return formatScaled({ units, scale });
}
