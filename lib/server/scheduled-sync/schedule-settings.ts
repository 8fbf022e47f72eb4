import "server-only";
import { isOptionsSessionOpen } from "@/lib/dates/options-session";
import { getEnv } from "@/lib/env";

const MINUTE_MS = 60_000;

/** How often users are synced, per deployment (README's configuration table). */
export type ScheduleSettings = {
  /** Minutes between syncs while US options trade. */
  openMinutes: number;
  /** Minutes between syncs at any other time. */
  closedMinutes: number;
  /** Longest wait after failures in a row. */
  backoffMaxMinutes: number;
  /** Users one tick syncs at the same time. */
  concurrency: number;
};

export function scheduleSettingsFromEnv(): ScheduleSettings {
  const env = getEnv();
  return {
    openMinutes: env.SYNC_INTERVAL_OPEN_MINUTES,
    closedMinutes: env.SYNC_INTERVAL_CLOSED_MINUTES,
    backoffMaxMinutes: env.SYNC_BACKOFF_MAX_MINUTES,
    concurrency: env.SYNC_CONCURRENCY,
  };
}

/**
 * When a user synced at `now` is due again: one open interval later while options trade, otherwise
 * one closed interval later, but no later than the first minute of the next session that falls inside
 * it (a 09:00 sync is followed by one at 09:30, not 10:00). The first sync after the close comes one
 * open interval after the last one in the session, so the closing marks are read.
 */
export function nextSyncAfter(now: Date, settings: ScheduleSettings): Date {
  const open = settings.openMinutes * MINUTE_MS;
  if (isOptionsSessionOpen(now)) return new Date(now.getTime() + open);
  const closed = settings.closedMinutes * MINUTE_MS;
  // Whole minutes only: sessions open on the minute, and 60 checks cost microseconds.
  const firstMinute = Math.ceil((now.getTime() + 1) / MINUTE_MS) * MINUTE_MS;
  for (let at = firstMinute; at < now.getTime() + closed; at += MINUTE_MS) {
    if (isOptionsSessionOpen(new Date(at))) return new Date(Math.max(at, now.getTime() + open));
  }
  return new Date(now.getTime() + closed);
}

/**
 * When a user whose scheduled syncs failed `failures` times in a row (1 or more) is tried again: one
 * open interval after the first failure, doubling with each further one, capped at the maximum.
 */
export function retryAfterFailures(now: Date, failures: number, settings: ScheduleSettings): Date {
  const doublings = Math.min(Math.max(0, failures - 1), 20);
  const minutes = Math.min(settings.backoffMaxMinutes, settings.openMinutes * 2 ** doublings);
  return new Date(now.getTime() + minutes * MINUTE_MS);
}
