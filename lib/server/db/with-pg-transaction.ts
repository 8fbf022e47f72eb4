import "server-only";
import pg from "pg";
import type { SqlRunner } from "./sql-runner";

/** A transaction on a connection of its own: raw statements, and the connection itself for `COPY`. */
export type PgTransaction = SqlRunner & { client: pg.Client };

export type WithPgTransactionOptions = {
  connectionString: string;
  timeoutMs: number;
  /** What runs, for the timeout's message ("the import"). */
  what: string;
};

/**
 * Runs `work` in one transaction on a new PostgreSQL connection, outside Prisma: for the import,
 * whose hundreds of bulk statements Prisma's query compiler and driver adapter copied parameter by
 * parameter (and whose query compiler alone costs a process 70 MB of memory once loaded). Commits
 * when `work` resolves; rolls back when it throws, and when it runs past `timeoutMs` (the connection
 * is closed, so the server rolls back and releases the transaction's locks).
 */
export async function withPgTransaction<T>(
  options: WithPgTransactionOptions,
  work: (tx: PgTransaction) => Promise<T>,
): Promise<T> {
  const client = new pg.Client({ connectionString: options.connectionString });
  // A connection lost while no statement runs (the import slot's sits idle for the whole import) is
  // reported as an event, which would otherwise crash the process; the next statement fails instead.
  client.on("error", () => {});
  await client.connect();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void client.end();
  }, options.timeoutMs);
  const tx: PgTransaction = {
    client,
    $queryRawUnsafe: async <R>(query: string, ...values: unknown[]) =>
      (await client.query(query, values)).rows as R,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) =>
      (await client.query(query, values)).rowCount ?? 0,
  };
  try {
    await client.query("BEGIN");
    const value = await work(tx);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    if (timedOut) throw new Error(`${options.what} ran past its limit of ${options.timeoutMs / 1000} s`);
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (!timedOut) await client.end().catch(() => {});
  }
}
