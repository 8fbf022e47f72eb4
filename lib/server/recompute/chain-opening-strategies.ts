import "server-only";
import type { PnlResult } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";

/**
 * The broker's `opening_strategy` (e.g. "short_put_spread") of the order that opened each chain,
 * by engine chain id, for chains whose opening order was synced with one. The opening order is that
 * of the chain's first strategy position with the chain's label; executions carry broker ids, which
 * is how the engine names them.
 */
export async function chainOpeningStrategies(
  tx: UserTransaction,
  userId: string,
  result: PnlResult,
): Promise<Map<string, string>> {
  const labelOf = new Map(result.chains.map((chain) => [chain.id, chain.strategy]));
  const firstFillOf = new Map<string, string>();
  // Strategy positions come in opening order, so the first one seen per chain is its opening one.
  for (const position of result.strategies) {
    if (firstFillOf.has(position.chainId) || labelOf.get(position.chainId) !== position.label) continue;
    const fill = position.openExecutionIds[0];
    if (fill !== undefined) firstFillOf.set(position.chainId, fill);
  }
  if (firstFillOf.size === 0) return new Map();
  const rows = await tx.$queryRaw<{ broker_execution_id: string; opening_strategy: string }[]>`
    SELECT e.broker_execution_id, o.opening_strategy
      FROM option_executions e
      JOIN option_legs l ON l.id = e.leg_id
      JOIN option_orders o ON o.id = l.order_id
     WHERE e.user_id = ${userId}::uuid
       AND e.broker_execution_id = ANY(${[...firstFillOf.values()]}::text[])
       AND o.opening_strategy IS NOT NULL AND o.opening_strategy <> ''`;
  const strategyOfFill = new Map(rows.map((row) => [row.broker_execution_id, row.opening_strategy]));
  const byChain = new Map<string, string>();
  for (const [chainId, fill] of firstFillOf) {
    const strategy = strategyOfFill.get(fill);
    if (strategy !== undefined) byChain.set(chainId, strategy);
  }
  return byChain;
}
