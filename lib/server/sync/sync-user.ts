import "server-only";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { userMessageOf } from "@/lib/errors/describe-error";
import type { RobinhoodSession } from "@/lib/robinhood/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { logger } from "@/lib/server/logger";
import { beginSync } from "./begin-sync";
import { fetchRobinhoodSnapshot } from "./fetch-robinhood-snapshot";
import { recordSyncRun, type SyncRunRecord } from "./record-sync-run";
import { createProgressReporter } from "./report-progress";
import type { SyncProgress, SyncReport, SyncTrigger } from "./sync-types";
import { recordSyncFailure } from "./update-sync-state";
import { writeSnapshot } from "./write-snapshot";

export type SyncUserOptions = {
  robinhoodUserId: string;
  /** A signed-in session for that same Robinhood user (see openRobinhoodSession). */
  session: RobinhoodSession;
  db?: Database;
  /** The present for deciding which contracts are still live (get marks). Defaults to the clock. */
  now?: Date;
  onProgress?: (progress: SyncProgress) => void;
  /** Orders are re-read from the watermark minus this many minutes. Default 60. */
  overlapMinutes?: number;
  /** What started it, kept in the run history (`sync_runs`). Default "manual". */
  trigger?: SyncTrigger;
};

export const DEFAULT_OVERLAP_MINUTES = 60;

/**
 * Pulls one user's Robinhood options data into Rollbook: accounts, orders (incrementally from the
 * watermark minus an overlap), every leg and execution, contracts with their chain's multiplier,
 * lifecycle events with their stock side, and marks of live contracts. Everything is fetched first;
 * then one transaction writes it all, queues a recompute and moves the watermark. A failure at any
 * point commits none of the data and leaves `sync_states` FAILED with a readable `last_error`.
 * Every run, failed or not, whatever started it, is added to the user's `sync_runs` afterwards.
 *
 * The sync opens `withUserTransaction` several times, on purpose; each is short and commits alone:
 * 1. `beginSync`: marks the state RUNNING and reads the watermarks, so the status page shows the sync
 *    at once and a concurrent sync sees it.
 * 2. `progress.update` (one per network phase, `recordSyncProgress`): stores progress so the status
 *    page can follow a sync that takes minutes. These cannot share the write transaction: it holds
 *    the user's lock, and holding it over minutes of network calls would block imports, recomputes
 *    and page reads of that user.
 * 3. `writeSnapshot`: the one transaction that writes data, records success, moves the watermarks and
 *    queues the recompute. Everything fetched is written here or not at all.
 * 4. `recordSyncFailure` (only on failure): a fresh transaction, because the failed one rolled back.
 * 5. `recordSyncRun`: the run's line in `sync_runs`, after success or failure alike, so a failed
 *    run is kept although its data transaction rolled back.
 * Merging 1, 2 and 4 into 3 would either hold the lock over the network phase or lose the RUNNING
 * and FAILED states that the user sees; `openRobinhoodSession` (before this) and the recompute (after
 * it) open their own for the same reason.
 */
export async function syncUser(options: SyncUserOptions): Promise<SyncReport> {
  const startedAt = new Date();
  const today = tradingDateOf(options.now ?? startedAt);
  const target = { db: options.db, robinhoodUserId: options.robinhoodUserId };
  const progress = createProgressReporter({ ...target, onProgress: options.onProgress });
  const trigger = options.trigger ?? "manual";

  const start = await beginSync({ ...target, startedAt, today, progress: progress.current() });
  try {
    const snapshot = await fetchRobinhoodSnapshot({
      ...target,
      session: options.session,
      start,
      overlapMinutes: options.overlapMinutes ?? DEFAULT_OVERLAP_MINUTES,
      today,
      progress,
    });
    const written = await writeSnapshot({ ...target, snapshot, progress });
    await progress.update({ phase: "succeeded" }, { persist: false });

    const report: SyncReport = {
      userId: written.userId,
      robinhoodUserId: options.robinhoodUserId,
      startedAt,
      finishedAt: written.finishedAt,
      durationMs: written.finishedAt.getTime() - startedAt.getTime(),
      ordersUpdatedSince: snapshot.ordersUpdatedSince,
      ordersWatermark: written.ordersWatermark,
      stockOrdersUpdatedSince: snapshot.stockOrdersUpdatedSince,
      stockOrdersWatermark: written.stockOrdersWatermark,
      synced: {
        accounts: snapshot.accounts.length,
        orders: snapshot.orders.length,
        legs: snapshot.orders.reduce((n, order) => n + order.legs.length, 0),
        executions: snapshot.orders.reduce(
          (n, order) => n + order.legs.reduce((m, leg) => m + leg.executions.length, 0),
          0,
        ),
        events: snapshot.events.length,
        stockTrades: snapshot.events.reduce((n, event) => n + event.stockTrades.length, 0),
        stockOrders: snapshot.stockOrderCount,
        stockFills: snapshot.stockFills.length,
        instruments: snapshot.referencedInstrumentIds.length,
        marks: snapshot.marks.length,
        stockMarks: snapshot.stockMarks.length,
      },
      inserted: written.inserted,
      removedEvents: written.removedEvents,
    };
    logger.info(
      {
        userId: report.userId,
        trigger: options.trigger ?? "manual",
        durationMs: report.durationMs,
        synced: report.synced,
        inserted: report.inserted,
      },
      "sync succeeded",
    );
    await recordRun(target, {
      trigger,
      startedAt,
      finishedAt: report.finishedAt,
      progress: progress.current(),
      inserted: report.inserted,
      error: null,
    });
    return report;
  } catch (error) {
    // Stored in sync_states.last_error and shown on the status panel: only user-safe text.
    const message = userMessageOf(error, {
      fallback: "The sync failed because of an internal error. Try again later.",
    });
    logger.warn(
      {
        userId: start.userId,
        trigger: options.trigger ?? "manual",
        phase: progress.current().phase,
        error: describeForLog(error),
      },
      "sync failed",
    );
    const finishedAt = new Date();
    try {
      await recordSyncFailure(target, { message, finishedAt, progress: progress.current() });
    } catch (recordError) {
      // The original failure matters more; the status stays RUNNING until the next sync.
      logger.error(
        { userId: start.userId, error: describeForLog(recordError) },
        "recording a sync failure failed",
      );
    }
    await recordRun(target, {
      trigger,
      startedAt,
      finishedAt,
      progress: progress.current(),
      inserted: null,
      error: message,
    });
    throw error;
  }
}

/** The history is a record, not the work: failing to write it is logged and never fails the sync. */
async function recordRun(target: { db?: Database; robinhoodUserId: string }, run: SyncRunRecord) {
  try {
    await recordSyncRun(target, run);
  } catch (error) {
    logger.error({ trigger: run.trigger, error: describeForLog(error) }, "recording a sync run failed");
  }
}

/** Name, code and message only: a RobinhoodError's message names the endpoint, never a token. */
function describeForLog(error: unknown) {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, code: typeof code === "string" ? code : undefined, message: error.message };
  }
  return { name: typeof error };
}
