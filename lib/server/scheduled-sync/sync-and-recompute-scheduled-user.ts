import "server-only";
import type { RobinhoodClientOptions } from "@/lib/robinhood/client";
import { openRobinhoodSession } from "@/lib/server/credentials/open-robinhood-session";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { logger } from "@/lib/server/logger";
import type { RecomputeSummary } from "@/lib/server/recompute/recompute-in-transaction";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import type { SyncReport } from "@/lib/server/sync/sync-types";
import { syncUser } from "@/lib/server/sync/sync-user";

/**
 * The client settings of a scheduled sync. A 429 asking for more than a few seconds fails the sync at
 * once (`throttled`, with the wait Robinhood asked for): the tick then pauses every scheduled sync for
 * that long instead of sitting it out inside its time budget.
 */
export const SCHEDULED_CLIENT: Omit<RobinhoodClientOptions, "baseUrl"> = {
  retry: { maxThrottleWaitMs: 5_000 },
  timeouts: { requestMs: 20_000 },
};

export type SyncAndRecomputeScheduledUserOptions = {
  robinhoodUserId: string;
  now: Date;
  db?: Database;
  /** Client settings over SCHEDULED_CLIENT (tests use a runtime that does not sleep). */
  client?: Omit<RobinhoodClientOptions, "baseUrl">;
  /** Robinhood's URL; ROBINHOOD_API_URL by default (tests and the benchmark: a simulator). */
  baseUrl?: string;
};

export type ScheduledSyncResult = {
  report: SyncReport;
  /** Null when the recompute failed: the user stays queued and the recompute tick tries again. */
  recompute: RecomputeSummary | null;
};

/**
 * One user's scheduled work: a sync with the stored (and, when Robinhood asks, refreshed) tokens,
 * then the recompute of their P&L. Throws what the sync throws (nothing of a failed sync is stored);
 * a failed recompute does not undo the sync. This is the one place a scheduled run starts and ends,
 * so a record of runs belongs around it.
 */
export async function syncAndRecomputeScheduledUser(
  options: SyncAndRecomputeScheduledUserOptions,
): Promise<ScheduledSyncResult> {
  const target = { robinhoodUserId: options.robinhoodUserId, db: options.db };
  const session = await openRobinhoodSession({
    ...target,
    baseUrl: options.baseUrl,
    client: {
      ...SCHEDULED_CLIENT,
      ...options.client,
      retry: { ...SCHEDULED_CLIENT.retry, ...options.client?.retry },
    },
  });
  const report = await syncUser({ ...target, session, now: options.now, trigger: "scheduled" });
  try {
    const recompute = await recomputeUserPnl({ ...target, now: options.now, trigger: "scheduled" });
    return { report, recompute };
  } catch (error) {
    logger.warn(
      { userId: report.userId, error: error instanceof Error ? error.name : typeof error },
      "recompute after a scheduled sync failed; the recompute tick retries it",
    );
    return { report, recompute: null };
  }
}
