import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import type { SyncCounts, SyncProgress, SyncTrigger } from "./sync-types";

export type SyncRunRecord = {
  trigger: SyncTrigger;
  startedAt: Date;
  finishedAt: Date;
  progress: SyncProgress;
  /** Rows the sync inserted; null when it failed (nothing of it was kept). */
  inserted: SyncCounts | null;
  /** The readable message (describe-sync-error.ts); null on success. */
  error: string | null;
};

/**
 * Adds one row to the user's sync history, in its own transaction: a failed sync's writes were rolled
 * back, and its record must survive that. The counts are of what was fetched, as far as the sync got.
 */
export async function recordSyncRun(
  target: { db?: Database; robinhoodUserId: string },
  run: SyncRunRecord,
): Promise<void> {
  await withUserTransaction(
    { db: target.db, robinhoodUserId: target.robinhoodUserId, purpose: "work" },
    async (tx, user) => {
      await tx.syncRun.create({
        data: {
          userId: user.id,
          trigger: run.trigger,
          outcome: run.error === null ? "SUCCEEDED" : "FAILED",
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          durationMs: Math.max(0, run.finishedAt.getTime() - run.startedAt.getTime()),
          phase: run.progress.phase,
          orderPages: run.progress.orderPages,
          orders: run.progress.orders,
          stockOrders: run.progress.stockOrders,
          events: run.progress.events,
          marks: run.progress.marks,
          newRows: run.inserted ? totalOf(run.inserted) : 0,
          error: run.error,
        },
      });
    },
  );
}

function totalOf(counts: SyncCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}
