import "server-only";
import { isRobinhoodError } from "@/lib/robinhood/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";
import { nextSyncAfter, retryAfterFailures, type ScheduleSettings } from "./schedule-settings";

/** Wait when Robinhood throttles without saying for how long. */
export const DEFAULT_THROTTLE_SECONDS = 60;

/** What a scheduled sync's failure means for the schedule. */
export type ScheduledFailure =
  /** Robinhood refused the stored tokens and their refresh: only a new sign-in helps. */
  | { kind: "reconnect-needed" }
  /** Robinhood throttled (429) and asked for a longer wait than the client sits out. */
  | { kind: "throttled"; until: Date; endpoint: string | null }
  /** The account was deleted while it synced: nothing is left to schedule. */
  | { kind: "account-deleted" }
  /** Anything else: back off, keeping the reason. */
  | { kind: "failed"; reason: string };

export function classifyScheduledFailure(error: unknown, now: Date): ScheduledFailure {
  if (error instanceof AccountDeletedError) return { kind: "account-deleted" };
  if (isRobinhoodError(error, "session_expired")) return { kind: "reconnect-needed" };
  if (isRobinhoodError(error, "throttled")) {
    const seconds = error.retryAfterSeconds ?? DEFAULT_THROTTLE_SECONDS;
    return {
      kind: "throttled",
      until: new Date(now.getTime() + Math.ceil(seconds) * 1000),
      endpoint: error.endpoint ?? null,
    };
  }
  return { kind: "failed", reason: isRobinhoodError(error) ? error.code : "internal" };
}

/**
 * A scheduled sync succeeded: due again after the interval that applies now; failures forgotten. An
 * UPDATE only, so a user deleted meanwhile is not scheduled again.
 */
export async function recordScheduledSuccess(
  db: Database,
  userId: string,
  now: Date,
  settings: ScheduleSettings,
): Promise<void> {
  await db.$executeRaw`
    UPDATE sync_schedule SET next_sync_at = ${nextSyncAfter(now, settings)}, last_synced_at = ${now},
      failures = 0, last_failure = NULL, last_failed_at = NULL, updated_at = now()
    WHERE user_id = ${userId}::uuid`;
}

/**
 * A scheduled sync failed. Reconnect needed: the user leaves the schedule until they sign in again.
 * Throttled: every scheduled sync waits until Robinhood's time (this user's failure count is not
 * raised: Robinhood, not the user, said no). Otherwise: exponential backoff with the reason kept.
 */
export async function recordScheduledFailure(
  db: Database,
  userId: string,
  failure: ScheduledFailure,
  now: Date,
  settings: ScheduleSettings & { failuresBefore: number },
): Promise<void> {
  switch (failure.kind) {
    case "account-deleted":
      return;
    case "reconnect-needed":
      await db.$executeRaw`
        UPDATE sync_schedule SET reconnect_needed_since = ${now}, failures = failures + 1,
          last_failure = 'session_expired', last_failed_at = ${now}, updated_at = now()
        WHERE user_id = ${userId}::uuid`;
      return;
    case "throttled":
      await db.$transaction([
        db.$executeRaw`
          INSERT INTO robinhood_throttle (id, until, endpoint) VALUES (true, ${failure.until}, ${failure.endpoint})
          ON CONFLICT (id) DO UPDATE SET until = GREATEST(robinhood_throttle.until, EXCLUDED.until),
            endpoint = EXCLUDED.endpoint, updated_at = now()`,
        db.$executeRaw`
          UPDATE sync_schedule SET next_sync_at = ${failure.until}, last_failure = 'throttled',
            last_failed_at = ${now}, updated_at = now()
          WHERE user_id = ${userId}::uuid`,
      ]);
      return;
    case "failed": {
      const retryAt = retryAfterFailures(now, settings.failuresBefore + 1, settings);
      await db.$executeRaw`
        UPDATE sync_schedule SET next_sync_at = ${retryAt}, failures = failures + 1,
          last_failure = ${failure.reason}, last_failed_at = ${now}, updated_at = now()
        WHERE user_id = ${userId}::uuid`;
      return;
    }
  }
}
