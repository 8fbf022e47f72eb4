import "server-only";

/** A staging table about to be joined: its qualified name, the key columns joined on, the rows staged. */
export type StagedForAnalyze = { name: string; key: readonly string[]; rows: number };

/**
 * One statement that analyzes the key columns of each staging table whose statistics do not describe
 * about as many rows as were just staged (never analyzed: `reltuples` is -1; or more than twice as
 * many or fewer than half). Autovacuum never analyzes temporary tables, so a staging table keeps what
 * this connection's last ANALYZE of it found; the planner scales that row count by the table's pages,
 * and a key column's distinct count is kept as a share of the rows, so statistics of a staging of a
 * similar size still hold. Incremental recomputes of one book stage about as many rows each time:
 * their ANALYZE of the lots (tens of ms at 7,000 rows) is skipped, while a connection that staged a
 * few rows before a large write (or the reverse) still analyzes. Null when there is nothing to analyze.
 */
export function analyzeStagedTables(tables: readonly StagedForAnalyze[]): string | null {
  if (tables.length === 0) return null;
  const steps = tables.map(({ name, key, rows }) => {
    if (!/^pg_temp\.[a-z_][a-z_0-9]*$/.test(name)) throw new Error(`bad staging table name: ${name}`);
    const low = Math.floor(rows / 2);
    const high = rows * 2;
    return `IF (SELECT reltuples FROM pg_class WHERE oid = '${name}'::regclass) NOT BETWEEN ${low} AND ${high} THEN ANALYZE ${name} (${key.join(", ")}); END IF;`;
  });
  return `DO $analyze$ BEGIN ${steps.join(" ")} END $analyze$`;
}
