import "server-only";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";

export type FinishedRun = {
  engineVersion: string;
  inputRevision: number;
  inputWatermark: Date | null;
  trigger: string;
  executionCount: number;
  eventCount: number;
  lotCount: number;
  chainCount: number;
  startedAt: Date;
  durationMs: number;
  asOf: string;
  syncedFrom: string | null;
  scopeUnderlyings: number | null;
};

/**
 * The last step of every successful recompute, inside its transaction: the user's inputs are now
 * reflected, so the queue entry and the recorded books go, and the run is recorded (what the next
 * recompute's plan compares with). Sync and import queue and record books again under the same
 * per-user lock this transaction holds, so no change can slip between the load and these deletes.
 * This is the one place a recompute's outcome is written, so the user's data version is bumped here
 * (as bumpDataVersion does, in the same statement, which saves the recompute a round trip):
 * pages' cached reads of this user end when this transaction commits (lib/server/cache).
 */
export async function finishRecompute(
  tx: UserTransaction,
  user: ScopedUser,
  run: FinishedRun,
): Promise<void> {
  // The run's created_at is taken at the insert (not the transaction's start), under the per-user
  // lock: the newest successful run is always the one whose rows are stored.
  await tx.$executeRaw`
    WITH dequeued AS (DELETE FROM recompute_queue WHERE user_id = ${user.id}::uuid),
         books AS (DELETE FROM recompute_touched_books WHERE user_id = ${user.id}::uuid),
         bumped AS (UPDATE users SET data_version = nextval('users_data_version_seq') WHERE id = ${user.id}::uuid)
    INSERT INTO recompute_runs (user_id, engine_version, input_revision, input_watermark, status, trigger,
                                execution_count, event_count, lot_count, chain_count, started_at, finished_at,
                                duration_ms, as_of, synced_from, scope_underlyings, created_at)
    VALUES (${user.id}::uuid, ${run.engineVersion}, ${run.inputRevision}, ${run.inputWatermark}, 'SUCCEEDED',
            ${run.trigger}, ${run.executionCount}, ${run.eventCount}, ${run.lotCount}, ${run.chainCount},
            ${run.startedAt}, ${new Date(run.startedAt.getTime() + run.durationMs)}, ${run.durationMs},
            ${run.asOf}::date, ${run.syncedFrom}::date, ${run.scopeUnderlyings}::int, clock_timestamp())`;
}
