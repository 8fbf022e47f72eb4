import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { AccountDeletedError } from "./account-deleted-error";
import type { Database } from "./create-prisma-client";
import { getDb } from "./db";
import { setUserContext } from "./user-context";

export type UserTransaction = Prisma.TransactionClient;

export type UserProfile = { username?: string | null; displayName?: string | null; isDemo?: boolean };

export type WithUserTransactionOptions = {
  robinhoodUserId: string;
  /**
   * `sign-in` may bring back a deleted account (the person chose to come back); `work` (sync, import,
   * recompute) never does, so work that was already running cannot undo a deletion.
   */
  purpose: "sign-in" | "work";
  profile?: UserProfile;
  /** Defaults to the app's client; tests pass their own. */
  db?: Database;
  timeoutMs?: number;
};

export type ScopedUser = { id: string; robinhoodUserId: string };

export { AccountDeletedError };

/**
 * Runs user-scoped work in one interactive transaction that first sets the row-level-security context
 * for the user and then upserts the user, so no row written inside can reference a missing user,
 * whatever runs concurrently. Every read and write of user-owned data goes through here.
 */
export async function withUserTransaction<T>(
  options: WithUserTransactionOptions,
  work: (tx: UserTransaction, user: ScopedUser) => Promise<T>,
): Promise<T> {
  const db = options.db ?? getDb();
  return db.$transaction((tx) => runAsUser(tx, options, work), {
    timeout: options.timeoutMs ?? 30_000,
    maxWait: 10_000,
  });
}

export type RunAsUserOptions = Pick<WithUserTransactionOptions, "robinhoodUserId" | "purpose" | "profile">;

/**
 * The steps of `withUserTransaction` inside a transaction the caller already opened (the cron opens
 * one to claim a user first). Must be the first user-scoped work of that transaction.
 */
export async function runAsUser<T>(
  tx: UserTransaction,
  options: RunAsUserOptions,
  work: (tx: UserTransaction, user: ScopedUser) => Promise<T>,
): Promise<T> {
  const robinhoodUserId = options.robinhoodUserId.trim().toLowerCase();
  const userId = userIdFromRobinhoodUserId(robinhoodUserId);
  const profile = options.profile ?? {};
  // A demo user exists only from its sign-in (opening the demo) until the cron deletes it: work that
  // finds it gone (a recompute that was already running, a tab left open) must not bring it back.
  const isDemo = isDemoRobinhoodUserId(robinhoodUserId);
  const mayCreate = options.purpose === "sign-in" || !isDemo;

  await setUserContext(tx, userId);
  if (options.purpose === "sign-in") {
    await tx.$executeRaw`DELETE FROM account_deletions WHERE robinhood_user_id = ${robinhoodUserId}`;
  }
  // The tombstone check and the insert are one statement, taken after the per-user lock, so a
  // deletion that committed first is always seen. A new row's session version starts at a random
  // value: the id is derived from the Robinhood id, so an account deleted and signed up again gets
  // the same id, and a token copied before the deletion must not match the new row.
  const upserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO users (id, robinhood_user_id, username, display_name, is_demo, last_signed_in_at, updated_at,
                       session_version)
    SELECT ${userId}::uuid, ${robinhoodUserId}, ${profile.username ?? null}, ${profile.displayName ?? null},
           ${isDemo || (profile.isDemo ?? false)}, ${options.purpose === "sign-in" ? new Date() : null}::timestamp, now(),
           floor(random() * 1073741824)::int
    WHERE NOT EXISTS (SELECT 1 FROM account_deletions WHERE robinhood_user_id = ${robinhoodUserId})
      AND (${mayCreate} OR EXISTS (SELECT 1 FROM users WHERE id = ${userId}::uuid))
    ON CONFLICT (robinhood_user_id) DO UPDATE SET
      username = COALESCE(EXCLUDED.username, users.username),
      display_name = COALESCE(EXCLUDED.display_name, users.display_name),
      last_signed_in_at = COALESCE(EXCLUDED.last_signed_in_at, users.last_signed_in_at),
      updated_at = now()
    RETURNING id::text`;
  if (upserted.length === 0) throw new AccountDeletedError();
  return work(tx, { id: userId, robinhoodUserId });
}
