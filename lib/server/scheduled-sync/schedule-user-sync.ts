import "server-only";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";

/**
 * Puts a user who just signed in with Robinhood on the sync schedule, due at once, and clears what
 * an earlier credential left: failures, backoff and "reconnect needed". Runs in the sign-in's user
 * transaction, so the schedule and the stored credential appear together. Demo users are never
 * scheduled (see docs/SYNC.md), so the sign-in flow calls this for Robinhood users only.
 */
export async function scheduleUserSync(tx: UserTransaction, user: ScopedUser, now: Date): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO sync_schedule (user_id, robinhood_user_id, next_sync_at)
    VALUES (${user.id}::uuid, ${user.robinhoodUserId}, ${now})
    ON CONFLICT (user_id) DO UPDATE SET
      next_sync_at = EXCLUDED.next_sync_at,
      failures = 0,
      last_failure = NULL,
      last_failed_at = NULL,
      reconnect_needed_since = NULL,
      updated_at = now()`;
}
