import "server-only";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";
import { DEFAULT_STATISTICS_POLICY, type StatisticsPolicy, tablesToAnalyze } from "./statistics-policy";

/** The raw input tables sync and import write, in the order they are analyzed. */
export const INPUT_TABLES = [
  "option_orders",
  "option_legs",
  "option_executions",
  "option_events",
  "stock_trades",
] as const;
export type InputTable = (typeof INPUT_TABLES)[number];

/**
 * ANALYZEs the input tables a sync or import just filled with a large share of the user's rows, in
 * the writer's own transaction, under the same policy as the derived tables (`tablesToAnalyze`):
 * the recompute that follows, and above all an incremental one, reads the user's fills through
 * joins planned from these statistics. Right after a 100,000-fill first import they still said the
 * user had no rows, and an incremental recompute's scoped read ran as nested loops for 45 s
 * (docs/RECOMPUTE.md, "Planner statistics").
 *
 * `inserted` counts the rows the write stored per table. Counting the user's rows costs a query, so
 * only tables with at least `policy.minRows` new rows are counted, which no small write reaches: a
 * routine sync sends no statement here. Through `app_analyze_input_tables` (migration
 * 20261205000200), which runs as the tables' owner and skips a table locked for more than 2 s.
 * Returns the tables analyzed.
 */
export async function refreshInputStatistics(
  tx: SqlRunner,
  user: ScopedUser,
  inserted: Partial<Record<InputTable, number>>,
  policy: StatisticsPolicy = DEFAULT_STATISTICS_POLICY,
): Promise<string[]> {
  const large = INPUT_TABLES.filter((table) => (inserted[table] ?? 0) >= policy.minRows);
  if (large.length === 0) return [];
  // Table names come from the list above, never from input.
  const counts = large.map(
    (table) => `(SELECT count(*) FROM ${table} WHERE user_id = $1::uuid)::int AS ${table}`,
  );
  const [row] = await tx.$queryRawUnsafe<Record<InputTable, number>[]>(
    `SELECT ${counts.join(", ")}`,
    user.id,
  );
  const tables = tablesToAnalyze(
    large.map((table) => ({ table, inserted: inserted[table] ?? 0, deleted: 0, given: row?.[table] ?? 0 })),
    policy,
  );
  if (tables.length === 0) return [];
  const [result] = await tx.$queryRawUnsafe<{ analyzed: string[] }[]>(
    "SELECT app_analyze_input_tables($1::text[]) AS analyzed",
    tables,
  );
  return result?.analyzed ?? [];
}
