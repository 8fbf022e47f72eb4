import "server-only";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import { userLockKey } from "@/lib/server/db/user-context";

export type ExpireDemoAccountsOptions = {
  db?: Database;
  /** The present; demo accounts that expired at or before it are deleted. */
  now: Date;
  /** At most this many accounts per call: bounded work per cron tick, the rest waits for the next. */
  limit: number;
};

export type ExpiredDemoAccounts = {
  deleted: number;
  /** Expired but held by running work (a sync or recompute); tried again next tick. */
  busy: number;
};

type Expired = { user_id: string; robinhood_user_id: string };

/**
 * Deletes demo users whose time is up, oldest first; every row they own goes with them (cascades).
 * One query when nothing has expired. Each user goes in its own transaction under its per-user lock,
 * so a sync or recompute of that user finishes first, or finds the user gone and stops: work never
 * creates a demo user (see runAsUser), so nothing brings a deleted one back and no tombstone is kept.
 */
export async function expireDemoAccounts(options: ExpireDemoAccountsOptions): Promise<ExpiredDemoAccounts> {
  const db = options.db ?? getDb();
  const expired = await db.$queryRaw<Expired[]>`
    SELECT user_id::text, robinhood_user_id FROM demo_accounts
    WHERE expires_at <= ${options.now}
    ORDER BY expires_at, user_id
    LIMIT ${options.limit}`;
  const result: ExpiredDemoAccounts = { deleted: 0, busy: 0 };
  for (const account of expired) {
    const outcome = await deleteDemoUser(db, account);
    if (outcome === "deleted") result.deleted++;
    if (outcome === "busy") result.busy++;
  }
  return result;
}

async function deleteDemoUser(db: Database, account: Expired): Promise<"deleted" | "gone" | "busy"> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.user_id', ${account.user_id}, true)`;
      // Never wait behind a running sync: a busy demo user is simply deleted on the next tick.
      const [lock] = await tx.$queryRaw<{ locked: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtextextended(${userLockKey(account.user_id)}, 0)) AS locked`;
      if (!lock?.locked) return "busy";
      // The demo user every visitor shared before demo identities has a Robinhood-style id, which
      // work may recreate: it gets the tombstone an account deletion leaves.
      if (!isDemoRobinhoodUserId(account.robinhood_user_id)) {
        await tx.$executeRaw`
          INSERT INTO account_deletions (robinhood_user_id) VALUES (${account.robinhood_user_id})
          ON CONFLICT (robinhood_user_id) DO UPDATE SET deleted_at = now()`;
      }
      const deleted = await tx.$executeRaw`DELETE FROM users WHERE id = ${account.user_id}::uuid`;
      return deleted > 0 ? "deleted" : "gone";
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
