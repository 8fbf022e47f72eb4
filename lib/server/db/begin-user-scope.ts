import "server-only";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { AccountDeletedError } from "./account-deleted-error";
import { rememberTransactionBackend } from "./copy-rows";
import type { SqlRunner } from "./sql-runner";
import { userLockKey } from "./user-context";

export type ScopedUser = {
  id: string;
  robinhoodUserId: string;
  /** The user's demo flag, when the transaction upserted the user (read with the upsert). */
  isDemo?: boolean;
};

export type UserProfile = { username?: string | null; displayName?: string | null; isDemo?: boolean };

export type BeginUserScopeOptions = {
  robinhoodUserId: string;
  /**
   * `sign-in` may bring back a deleted account (the person chose to come back); `work` (sync, import,
   * recompute) never does, so work that was already running cannot undo a deletion.
   */
  purpose: "sign-in" | "work";
  profile?: UserProfile;
};

/**
 * The start of every user-scoped transaction, on a Prisma transaction or an import's own connection
 * alike: the row-level-security context, the per-user advisory lock that orders it against an
 * account deletion, then the user's row upserted — so no row written after it can point at a missing
 * user. Throws AccountDeletedError when the account was deleted (or a demo user expired) and the
 * purpose may not bring it back.
 */
export async function beginUserScope(tx: SqlRunner, options: BeginUserScopeOptions): Promise<ScopedUser> {
  const robinhoodUserId = options.robinhoodUserId.trim().toLowerCase();
  const userId = userIdFromRobinhoodUserId(robinhoodUserId);
  const profile = options.profile ?? {};
  // A demo user exists only from its sign-in (opening the demo) until the cron deletes it: work that
  // finds it gone (a recompute that was already running, a tab left open) must not bring it back.
  const isDemo = isDemoRobinhoodUserId(robinhoodUserId);
  const mayCreate = options.purpose === "sign-in" || !isDemo;

  // One statement: the context first (the target list is evaluated in order), then the lock.
  await tx.$executeRawUnsafe(
    "SELECT set_config('app.user_id', $1, true), pg_advisory_xact_lock(hashtextextended($2, 0))",
    userId,
    userLockKey(userId),
  );
  if (options.purpose === "sign-in") {
    await tx.$executeRawUnsafe("DELETE FROM account_deletions WHERE robinhood_user_id = $1", robinhoodUserId);
  }
  // The tombstone check and the insert are one statement, taken after the per-user lock, so a
  // deletion that committed first is always seen. A new row's session version starts at a random
  // value: the id is derived from the Robinhood id, so an account deleted and signed up again gets
  // the same id, and a token copied before the deletion must not match the new row.
  const upserted = await tx.$queryRawUnsafe<{ id: string; is_demo: boolean; backend: number }[]>(
    `INSERT INTO users (id, robinhood_user_id, username, display_name, is_demo, last_signed_in_at, updated_at,
                        session_version)
     SELECT $1::uuid, $2::text, $3::text, $4::text, $5::boolean, $6::timestamptz, now(),
            floor(random() * 1073741824)::int
     WHERE NOT EXISTS (SELECT 1 FROM account_deletions WHERE robinhood_user_id = $2::text)
       AND ($7::boolean OR EXISTS (SELECT 1 FROM users WHERE id = $1::uuid))
     ON CONFLICT (robinhood_user_id) DO UPDATE SET
       username = COALESCE(EXCLUDED.username, users.username),
       display_name = COALESCE(EXCLUDED.display_name, users.display_name),
       last_signed_in_at = COALESCE(EXCLUDED.last_signed_in_at, users.last_signed_in_at),
       updated_at = now()
     RETURNING id::text, is_demo, pg_backend_pid() AS backend`,
    userId,
    robinhoodUserId,
    profile.username ?? null,
    profile.displayName ?? null,
    isDemo || (profile.isDemo ?? false),
    options.purpose === "sign-in" ? new Date() : null,
    mayCreate,
  );
  const [row] = upserted;
  if (!row) throw new AccountDeletedError();
  // The server process of this transaction, for the writers that COPY on its connection: read with
  // the upsert, so finding that connection costs no statement of its own.
  rememberTransactionBackend(tx, row.backend);
  return { id: userId, robinhoodUserId, isDemo: row.is_demo };
}
