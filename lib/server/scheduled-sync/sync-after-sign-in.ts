import "server-only";
import type { RobinhoodClientOptions } from "@/lib/robinhood/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import { logger } from "@/lib/server/logger";
import { CLAIM_LEASE_MS } from "./claim-due-user";
import {
  classifyScheduledFailure,
  recordScheduledFailure,
  recordScheduledSuccess,
} from "./record-scheduled-outcome";
import { type ScheduleSettings, scheduleSettingsFromEnv } from "./schedule-settings";
import { syncAndRecomputeScheduledUser } from "./sync-and-recompute-scheduled-user";

export type SyncAfterSignInOptions = {
  userId: string;
  robinhoodUserId: string;
  db?: Database;
  /** Clock, injectable for tests. */
  now?: () => Date;
  settings?: ScheduleSettings;
  client?: Omit<RobinhoodClientOptions, "baseUrl">;
  /** Robinhood's URL; ROBINHOOD_API_URL by default (tests: a simulator). */
  baseUrl?: string;
};

/** "claimed-elsewhere": a cron tick took the user first and syncs them; the page shows that run. */
export type SyncAfterSignInOutcome = "synced" | "failed" | "claimed-elsewhere";

/**
 * The sync a Robinhood sign-in starts at once, as opening the demo does, instead of leaving the
 * user's history to the next cron tick (up to five minutes away, and never under `npm run dev`, which
 * runs no cron). The sign-in put the user on the schedule, due now; this claims that due slot the
 * way a tick does (one conditional UPDATE: a tick that claimed first keeps the user), then syncs and
 * recomputes, recorded in the run history with trigger "sign-in", and moves the schedule on exactly as
 * a scheduled sync's success or failure would. Runs after the sign-in answered (the caller hands it
 * to `after()`), while the pages show its progress through /api/status. Never throws.
 */
export async function syncAfterSignIn(options: SyncAfterSignInOptions): Promise<SyncAfterSignInOutcome> {
  const db = options.db ?? getDb();
  const now = options.now ?? (() => new Date());
  const settings = options.settings ?? scheduleSettingsFromEnv();
  const claimedAt = now();
  const claimed = await db.$executeRaw`
    UPDATE sync_schedule
    SET next_sync_at = ${new Date(claimedAt.getTime() + CLAIM_LEASE_MS)}, claimed_at = ${claimedAt},
      updated_at = now()
    WHERE user_id = ${options.userId}::uuid AND next_sync_at <= ${claimedAt}
      AND reconnect_needed_since IS NULL`;
  if (claimed === 0) return "claimed-elsewhere";
  try {
    await syncAndRecomputeScheduledUser({
      robinhoodUserId: options.robinhoodUserId,
      db,
      now: now(),
      client: options.client,
      baseUrl: options.baseUrl,
      trigger: "sign-in",
    });
    await recordScheduledSuccess(db, options.userId, now(), settings);
    return "synced";
  } catch (error) {
    const at = now();
    const failure = classifyScheduledFailure(error, at);
    logger.warn(
      {
        userId: options.userId,
        failure: failure.kind,
        reason: failure.kind === "failed" ? failure.reason : undefined,
      },
      "the first sync after a sign-in failed",
    );
    await recordScheduledFailure(db, options.userId, failure, at, { ...settings, failuresBefore: 0 }).catch(
      (recordError: unknown) =>
        logger.error(
          { userId: options.userId, err: String(recordError) },
          "recording a failed sign-in sync failed",
        ),
    );
    return "failed";
  }
}
