import "server-only";
import pg from "pg";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import { userLockKey } from "@/lib/server/db/user-context";
import { AccountDeletedError, type ScopedUser } from "@/lib/server/db/with-user-transaction";

/** An import's write transaction: raw statements, and the connection itself for `COPY`. */
export type ImportTransaction = SqlRunner & { client: pg.Client };

export type WithImportTransactionOptions = {
  connectionString: string;
  robinhoodUserId: string;
  timeoutMs: number;
};

/**
 * Runs an import's writes in ONE transaction on a PostgreSQL connection of its own, not through
 * Prisma: a 20 MB file sends hundreds of bulk statements, and Prisma's query compiler and driver
 * adapter copied every parameter array on the way (most of the memory a big import took, and a
 * third of its time). The transaction starts as `withUserTransaction` does for work (sync, import,
 * recompute): the row-level-security context, the per-user lock, then the user's row, never
 * bringing back a deleted account or a demo user the cron removed. Rolled back on any error, and
 * when it runs past `timeoutMs` (the connection is closed, so the server rolls it back).
 */
export async function withImportTransaction<T>(
  options: WithImportTransactionOptions,
  work: (tx: ImportTransaction, user: ScopedUser) => Promise<T>,
): Promise<T> {
  const robinhoodUserId = options.robinhoodUserId.trim().toLowerCase();
  const user = { id: userIdFromRobinhoodUserId(robinhoodUserId), robinhoodUserId };
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void client.end();
  }, options.timeoutMs);
  const tx: ImportTransaction = {
    client,
    $queryRawUnsafe: async <R>(query: string, ...values: unknown[]) =>
      (await client.query(query, values)).rows as R,
    $executeRawUnsafe: async (query: string, ...values: unknown[]) =>
      (await client.query(query, values)).rowCount ?? 0,
  };
  try {
    await client.query("BEGIN");
    await startAsUser(tx, user);
    const value = await work(tx, user);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    if (timedOut)
      throw new Error(`the import's transaction ran past its limit of ${options.timeoutMs / 1000} s`);
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    clearTimeout(timer);
    if (!timedOut) await client.end().catch(() => {});
  }
}

async function startAsUser(tx: ImportTransaction, user: ScopedUser): Promise<void> {
  await tx.$queryRawUnsafe(
    "SELECT set_config('app.user_id', $1, true), pg_advisory_xact_lock(hashtextextended($2, 0))",
    user.id,
    userLockKey(user.id),
  );
  // As `runAsUser` for work: a deleted account stays deleted, and a demo user exists only from its
  // sign-in until the cron deletes it.
  const isDemo = isDemoRobinhoodUserId(user.robinhoodUserId);
  const upserted = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO users (id, robinhood_user_id, is_demo, updated_at, session_version)
     SELECT $1::uuid, $2::text, $3::boolean, now(), floor(random() * 1073741824)::int
     WHERE NOT EXISTS (SELECT 1 FROM account_deletions WHERE robinhood_user_id = $2::text)
       AND ($4::boolean OR EXISTS (SELECT 1 FROM users WHERE id = $1::uuid))
     ON CONFLICT (robinhood_user_id) DO UPDATE SET updated_at = now()
     RETURNING id::text`,
    user.id,
    user.robinhoodUserId,
    isDemo,
    !isDemo,
  );
  if (upserted.length === 0) throw new AccountDeletedError();
}
