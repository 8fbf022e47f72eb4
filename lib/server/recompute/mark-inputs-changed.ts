import "server-only";
import { bumpDataVersion } from "@/lib/server/db/bump-data-version";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";

export type InputsChange = {
  /**
   * True when the change cannot be named by the books it touched (`recordTouchedBooks`): an import
   * removed, events voided, corporate actions. The next recompute then replays the whole history.
   * False when every changed raw row's book was recorded in this transaction.
   */
  full: boolean;
};

/**
 * Queues the user for the next recompute. Every write of raw data (sync, import) calls it in the
 * same transaction, so a change can never be committed without being queued, nor without a new data
 * version (the raw rows are on pages too: fees, the Activity page), which ends the user's cached reads.
 */
export async function markInputsChanged(
  tx: SqlRunner,
  user: ScopedUser,
  change: InputsChange,
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO recompute_queue (user_id, robinhood_user_id, full_recompute) VALUES ($1::uuid, $2::text, $3::boolean)
     ON CONFLICT (user_id) DO UPDATE SET input_revision = recompute_queue.input_revision + 1,
       full_recompute = recompute_queue.full_recompute OR EXCLUDED.full_recompute`,
    user.id,
    user.robinhoodUserId,
    change.full,
  );
  await bumpDataVersion(tx, user);
}
