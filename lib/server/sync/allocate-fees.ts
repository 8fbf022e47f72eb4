import "server-only";
import { splitProRata } from "@/lib/money";

/**
 * Splits an order's fees over its executions pro rata by quantity, exactly: every share but the last
 * is rounded toward zero in the fee's own minor unit (cents, or finer if the fee has more places),
 * and the last takes the remainder, so the shares always add up to the order's fees.
 *
 * `quantities` must be in the order the caller wants the remainder placed (the last fill last).
 */
export function allocateFees(totalFees: string, quantities: readonly string[]): string[] {
  return splitProRata({ total: totalFees, weights: quantities, minScale: 2 });
}
