import "server-only";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { AccountDeletedError } from "@/lib/server/db/account-deleted-error";
import { userLockKey } from "@/lib/server/db/user-context";
import { type PgTransaction, withPgTransaction } from "@/lib/server/db/with-pg-transaction";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";

export type WithImportTransactionOptions = {
  connectionString: string;
  robinhoodUserId: string;
  timeoutMs: number;
};

/**
 * Runs an import's writes in ONE transaction on a PostgreSQL connection of its own, not through
 * Prisma (see `withPgTransaction`). The transaction starts as `withUserTransaction` starts work
 * (sync, import, recompute): the row-level-security context, the per-user lock, then the user's
 * row, never bringing back a deleted account or a demo user the cron removed.
 */
export async function withImportTransaction<T>(
  options: WithImportTransactionOptions,
  work: (tx: PgTransaction, user: ScopedUser) => Promise<T>,
): Promise<T> {
  const robinhoodUserId = options.robinhoodUserId.trim().toLowerCase();
  const user = { id: userIdFromRobinhoodUserId(robinhoodUserId), robinhoodUserId };
  return withPgTransaction({ ...options, what: "the import's transaction" }, async (tx) => {
    await startAsUser(tx, user);
    return work(tx, user);
  });
}

async function startAsUser(tx: PgTransaction, user: ScopedUser): Promise<void> {
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
