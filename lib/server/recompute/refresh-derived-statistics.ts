import "server-only";
import type { TableMerge } from "@/lib/server/db/merge-user-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { DEFAULT_STATISTICS_POLICY, type StatisticsPolicy, tablesToAnalyze } from "./statistics-policy";

/**
 * ANALYZEs the derived tables a merge changed a large share of (`tablesToAnalyze`), in the
 * recompute's own transaction, so the next recompute's merge and the user's pages plan with the
 * rows just written (ANALYZE in a transaction counts its own inserted rows and not its deleted
 * ones: the statistics describe what the commit leaves). No statement at all when nothing
 * qualifies, which is every small incremental recompute.
 *
 * Through `app_analyze_derived_tables` (migration 20261205000100): only a table's owner may ANALYZE
 * it, and a plain `ANALYZE` by the app's role does not fail, it warns and skips. The function runs
 * as the owner, on the derived tables only, by the columns the planner's estimates rest on (migration
 * 20261208000100: about half the time every column took), and skips (returns without) a table another
 * transaction keeps locked for more than 2 s. Returns the tables analyzed.
 */
export async function refreshDerivedStatistics(
  tx: UserTransaction,
  merged: readonly TableMerge[],
  policy: StatisticsPolicy = DEFAULT_STATISTICS_POLICY,
): Promise<string[]> {
  const tables = tablesToAnalyze(merged, policy);
  if (tables.length === 0) return [];
  const [row] = await tx.$queryRaw<{ analyzed: string[] }[]>`
    SELECT app_analyze_derived_tables(${tables}::text[]) AS analyzed`;
  return row?.analyzed ?? [];
}
