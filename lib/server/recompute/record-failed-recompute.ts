import "server-only";
import { ENGINE_VERSION } from "@/lib/pnl";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { AccountDeletedError, withUserTransaction } from "@/lib/server/db/with-user-transaction";

export type RecordFailedRecomputeOptions = {
  robinhoodUserId: string;
  trigger: string;
  now: Date;
  error: unknown;
  db?: Database;
};

/** Records a failed run in its own transaction, since the failed one was rolled back. */
export async function recordFailedRecompute(options: RecordFailedRecomputeOptions): Promise<void> {
  if (options.error instanceof AccountDeletedError) return;
  const message = options.error instanceof Error ? options.error.message : String(options.error);
  try {
    await withUserTransaction(
      { db: options.db, robinhoodUserId: options.robinhoodUserId, purpose: "work" },
      (tx, user) =>
        tx.recomputeRun.create({
          data: {
            userId: user.id,
            engineVersion: ENGINE_VERSION,
            inputRevision: 0,
            status: "FAILED",
            trigger: options.trigger,
            startedAt: options.now,
            finishedAt: new Date(),
            durationMs: Date.now() - options.now.getTime(),
            error: message.slice(0, 2000),
          },
        }),
    );
  } catch {
    // The account may have been deleted meanwhile; the original error is what the caller reports.
  }
}
