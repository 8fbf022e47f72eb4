import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import type { RecomputeMode } from "./plan-recompute";
import { type RecomputeSummary, recomputeInTransaction } from "./recompute-in-transaction";
import { recordFailedRecompute } from "./record-failed-recompute";
import type { StatisticsPolicy } from "./statistics-policy";

export type RecomputeUserPnlOptions = {
  robinhoodUserId: string;
  /** Why it ran: "manual", "sync", "cron", ... */
  trigger: string;
  now?: Date;
  db?: Database;
  /** `full` replays the whole history whatever changed (repair, engine change); default `auto`. */
  mode?: RecomputeMode;
  /** When a write is worth an ANALYZE of its table; the default unless a test lowers it. */
  statistics?: StatisticsPolicy;
  /** Up to how many rows the write stages inline instead of by COPY; tests lower it to 0. */
  inlineStagingRows?: number;
  /** From how many fills an underlying keeps a saved input; tests lower it to 0. */
  inputSnapshotMinFills?: number;
};

/**
 * Recomputes one user's P&L now, in one transaction that upserts the user first: only the
 * underlyings that changed since the last run when that is exact (`planRecompute`), else, or with
 * `mode: "full"`, the whole history.
 * A failure leaves the previous derived rows untouched and records a failed run.
 */
export async function recomputeUserPnl(options: RecomputeUserPnlOptions): Promise<RecomputeSummary> {
  const now = options.now ?? new Date();
  try {
    return await withUserTransaction(
      { db: options.db, robinhoodUserId: options.robinhoodUserId, purpose: "work", timeoutMs: 120_000 },
      (tx, user) =>
        recomputeInTransaction(tx, user, {
          now,
          trigger: options.trigger,
          mode: options.mode,
          statistics: options.statistics,
          inlineStagingRows: options.inlineStagingRows,
          inputSnapshotMinFills: options.inputSnapshotMinFills,
        }),
    );
  } catch (error) {
    await recordFailedRecompute({ ...options, now, error });
    throw error;
  }
}
