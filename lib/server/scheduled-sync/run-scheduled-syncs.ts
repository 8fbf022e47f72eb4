import "server-only";
import type { RobinhoodClientOptions } from "@/lib/robinhood/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import { logger } from "@/lib/server/logger";
import { claimDueUser, readScheduleBacklog, type ScheduledClaim } from "./claim-due-user";
import {
  classifyScheduledFailure,
  recordScheduledFailure,
  recordScheduledSuccess,
} from "./record-scheduled-outcome";
import { type ScheduleSettings, scheduleSettingsFromEnv } from "./schedule-settings";
import { syncAndRecomputeScheduledUser } from "./sync-and-recompute-scheduled-user";

export type RunScheduledSyncsOptions = {
  /** Stop claiming users after this long; the rest wait for the next tick. */
  budgetMs: number;
  db?: Database;
  /** Clock, injectable for tests and the benchmark. */
  now?: () => Date;
  settings?: ScheduleSettings;
  /** Client settings for every session (tests: a runtime that does not sleep). */
  client?: Omit<RobinhoodClientOptions, "baseUrl">;
  /** Robinhood's URL; ROBINHOOD_API_URL by default (tests and the benchmark: a simulator). */
  baseUrl?: string;
};

export type ScheduledSyncsReport = {
  /** Users due when the tick started (some may be another tick's by the time they are claimed). */
  usersDue: number;
  claimed: number;
  synced: number;
  failed: number;
  /** Of the failed, users whose refresh token Robinhood refused. */
  reconnectNeeded: number;
  /** Users still due when the budget ran out. */
  skippedForBudget: number;
  /** Robinhood's throttle, when one holds every scheduled sync back. */
  throttledUntil: Date | null;
  budgetExhausted: boolean;
  durationMs: number;
};

/**
 * The scheduled half of a cron tick: syncs and recomputes the users that are due, most overdue
 * first, `settings.concurrency` at a time, until none is due, the budget is spent or Robinhood
 * throttles. Each user is claimed by one statement that moves it out of reach of every other tick
 * (claimDueUser), so concurrent ticks share the work and never sync a user twice. Idle (nobody due,
 * or a throttle in force) it costs one query whatever the number of users.
 */
export async function runScheduledSyncs(options: RunScheduledSyncsOptions): Promise<ScheduledSyncsReport> {
  const db = options.db ?? getDb();
  const now = options.now ?? (() => new Date());
  const settings = options.settings ?? scheduleSettingsFromEnv();
  const started = Date.now();
  const backlog = await readScheduleBacklog(db, now());
  const report: ScheduledSyncsReport = {
    usersDue: backlog.due,
    claimed: 0,
    synced: 0,
    failed: 0,
    reconnectNeeded: 0,
    skippedForBudget: 0,
    throttledUntil: backlog.throttledUntil,
    budgetExhausted: false,
    durationMs: 0,
  };
  if (backlog.due === 0 || backlog.throttledUntil) return finish(report, started);

  let throttled = false;
  const work = async (claim: ScheduledClaim) => {
    try {
      await syncAndRecomputeScheduledUser({
        robinhoodUserId: claim.robinhoodUserId,
        db,
        now: now(),
        client: options.client,
        baseUrl: options.baseUrl,
      });
      await recordScheduledSuccess(db, claim.userId, now(), settings);
      report.synced++;
    } catch (error) {
      const at = now();
      const failure = classifyScheduledFailure(error, at);
      report.failed++;
      if (failure.kind === "reconnect-needed") report.reconnectNeeded++;
      if (failure.kind === "throttled") {
        throttled = true;
        report.throttledUntil = failure.until;
      }
      // Codes and kinds only: the error itself may name an endpoint, never a token, but need not travel.
      logger.warn(
        {
          userId: claim.userId,
          failure: failure.kind,
          reason: failure.kind === "failed" ? failure.reason : undefined,
        },
        "scheduled sync failed",
      );
      await recordScheduledFailure(db, claim.userId, failure, at, {
        ...settings,
        failuresBefore: claim.failures,
      });
    }
  };

  const worker = async () => {
    while (!throttled) {
      if (Date.now() - started >= options.budgetMs) {
        report.budgetExhausted = true;
        return;
      }
      const claim = await claimDueUser(db, now());
      if (!claim) return;
      report.claimed++;
      await work(claim);
    }
  };
  await Promise.all(Array.from({ length: Math.min(settings.concurrency, backlog.due) }, worker));

  if (report.budgetExhausted) report.skippedForBudget = (await readScheduleBacklog(db, now())).due;
  return finish(report, started);
}

function finish(report: ScheduledSyncsReport, started: number): ScheduledSyncsReport {
  report.durationMs = Date.now() - started;
  return report;
}
