import "server-only";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";

/**
 * Queues the user for the next recompute. Every write of raw data (sync, import) calls it in the
 * same transaction, so a change can never be committed without being queued.
 */
export async function markInputsChanged(tx: UserTransaction, user: ScopedUser): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO recompute_queue (user_id, robinhood_user_id) VALUES (${user.id}::uuid, ${user.robinhoodUserId})
    ON CONFLICT (user_id) DO UPDATE SET input_revision = recompute_queue.input_revision + 1`;
}
