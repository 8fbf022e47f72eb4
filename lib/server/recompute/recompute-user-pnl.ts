import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { type RecomputeSummary, recomputeInTransaction } from "./recompute-in-transaction";
import { recordFailedRecompute } from "./record-failed-recompute";

export type RecomputeUserPnlOptions = {
  robinhoodUserId: string;
  /** Why it ran: "manual", "sync", "cron", ... */
  trigger: string;
  now?: Date;
  db?: Database;
};

/**
 * Recomputes one user's P&L now ("recompute now"), in one transaction that upserts the user first.
 * A failure leaves the previous derived rows untouched and records a failed run.
 */
export async function recomputeUserPnl(options: RecomputeUserPnlOptions): Promise<RecomputeSummary> {
  const now = options.now ?? new Date();
  try {
    return await withUserTransaction(
      { db: options.db, robinhoodUserId: options.robinhoodUserId, purpose: "work", timeoutMs: 120_000 },
      (tx, user) => recomputeInTransaction(tx, user, { now, trigger: options.trigger }),
    );
  } catch (error) {
    await recordFailedRecompute({ ...options, now, error });
    throw error;
  }
}
