import "server-only";
import type { PnlResult } from "@/lib/pnl";

/**
 * The broker's `opening_strategy` (e.g. "short_put_spread") of the order that opened each chain,
 * by engine chain id, for chains whose opening order was synced with one. The opening order is that
 * of the chain's first strategy position with the chain's label; executions carry broker ids, which
 * is how the engine names them. The loader read each fill's order with it (`openingStrategyOfFill`).
 */
export function chainOpeningStrategies(
  result: PnlResult,
  openingStrategyOfFill: ReadonlyMap<string, string>,
): Map<string, string> {
  const byChain = new Map<string, string>();
  // No fill came with a broker strategy (an activity-report import has none): nothing to look up, so
  // the engine's strategy positions, built on first read, are never built.
  if (openingStrategyOfFill.size === 0) return byChain;
  const labelOf = new Map(result.chains.map((chain) => [chain.id, chain.strategy]));
  const seen = new Set<string>();
  // Strategy positions come in opening order, so the first one seen per chain is its opening one.
  for (const position of result.strategies) {
    if (seen.has(position.chainId) || labelOf.get(position.chainId) !== position.label) continue;
    const fill = position.openExecutionIds[0];
    if (fill === undefined) continue;
    seen.add(position.chainId);
    const strategy = openingStrategyOfFill.get(fill);
    if (strategy !== undefined) byChain.set(position.chainId, strategy);
  }
  return byChain;
}
