import "server-only";
import type { RobinhoodClientOptions } from "@/lib/robinhood/client";
import { deleteExpiredSignInState } from "@/lib/server/auth/delete-expired-sign-in-state";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import { expireDemoAccounts } from "@/lib/server/demo/expire-demo-accounts";
import {
  type RecomputeTickReport,
  type RunRecomputeTickOptions,
  runRecomputeTick,
} from "@/lib/server/recompute/run-recompute-tick";
import {
  runScheduledSyncs,
  type ScheduledSyncsReport,
} from "@/lib/server/scheduled-sync/run-scheduled-syncs";
import type { ScheduleSettings } from "@/lib/server/scheduled-sync/schedule-settings";
import { recordCronTick } from "./record-cron-tick";

/** Expired demo accounts deleted per tick at most; a burst of visitors is worked off over a few ticks. */
export const DEMO_EXPIRY_BATCH = 100;

/** Share of the budget scheduled syncs may use; the rest is kept for queued recomputes. */
export const SYNC_BUDGET_SHARE = 0.75;

export type RunCronTickOptions = {
  /** Stop claiming new work after this long; the rest waits for the next tick. */
  budgetMs: number;
  db?: Database;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Schedule settings; read from the environment by default. */
  settings?: ScheduleSettings;
  /** Robinhood client settings for scheduled syncs (tests: a runtime that does not sleep). */
  client?: Omit<RobinhoodClientOptions, "baseUrl">;
  /** Robinhood's URL for scheduled syncs; ROBINHOOD_API_URL by default (tests: a simulator). */
  baseUrl?: string;
  /** Queued users recomputed at the same time; RECOMPUTE_TICK_CONCURRENCY by default. */
  recomputeConcurrency?: number;
  /** Told of each queued user recomputed (the benchmark's per-user figures). */
  onRecomputed?: RunRecomputeTickOptions["onRecomputed"];
};

export type CronTickReport = Omit<RecomputeTickReport, "summaries"> & {
  demoAccountsDeleted: number;
  demoAccountsBusy: number;
  expiredSignInRowsDeleted: number;
  /** The scheduled syncs of this tick. */
  sync: ScheduledSyncsReport;
};

/**
 * One scheduler tick: first deletes expired demo accounts and sign-in state nobody can use any more,
 * then syncs (and recomputes) the users whose scheduled sync is due, then recomputes queued users
 * with what is left of the budget, and records what it did in `cron_ticks`. Idle, it costs a constant
 * number of queries: one for demo accounts, three for sign-in state, one for the sync schedule, one
 * short transaction for the recompute queue and one for the record.
 */
export async function runCronTick(options: RunCronTickOptions): Promise<CronTickReport> {
  const started = Date.now();
  const db = options.db ?? getDb();
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const remaining = () => Math.max(0, options.budgetMs - (Date.now() - started));
  const demo = await expireDemoAccounts({ db, now: now(), limit: DEMO_EXPIRY_BATCH });
  const expiredSignInRowsDeleted = await deleteExpiredSignInState(db, now().getTime());
  const sync = await runScheduledSyncs({
    db,
    now,
    budgetMs: remaining() * SYNC_BUDGET_SHARE,
    settings: options.settings,
    client: options.client,
    baseUrl: options.baseUrl,
  });
  const { summaries: _summaries, ...recompute } = await runRecomputeTick({
    db,
    now,
    budgetMs: remaining(),
    concurrency: options.recomputeConcurrency,
    onRecomputed: options.onRecomputed,
  });
  const report: CronTickReport = {
    ...recompute,
    budgetExhausted: recompute.budgetExhausted || sync.budgetExhausted,
    durationMs: Date.now() - started,
    demoAccountsDeleted: demo.deleted,
    demoAccountsBusy: demo.busy,
    expiredSignInRowsDeleted,
    sync,
  };
  await recordCronTick(db, {
    startedAt,
    durationMs: report.durationMs,
    usersDue: sync.usersDue,
    claimed: sync.claimed,
    synced: sync.synced,
    failed: sync.failed,
    reconnectNeeded: sync.reconnectNeeded,
    skippedForBudget: sync.skippedForBudget,
    throttledUntil: sync.throttledUntil,
    recomputed: recompute.recomputed,
    recomputeFailed: recompute.failed,
    demoAccountsDeleted: demo.deleted,
    budgetExhausted: report.budgetExhausted,
  });
  return report;
}
