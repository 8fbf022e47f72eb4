import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";

/** How long a claim holds a user: a tick that dies mid-sync leaves the user due again after this. */
export const CLAIM_LEASE_MS = 10 * 60_000;

export type ScheduledClaim = { userId: string; robinhoodUserId: string; failures: number };

/**
 * Claims the most overdue user, in one statement: `FOR UPDATE SKIP LOCKED` passes over a row another
 * tick is claiming at this instant, and the claim moves `next_sync_at` one lease ahead, so once it
 * commits no other tick sees the user as due. Nothing is held open while the user syncs. Users
 * waiting for a reconnect are never claimed, and nobody is while Robinhood's throttle lasts.
 */
export async function claimDueUser(db: Database, now: Date): Promise<ScheduledClaim | null> {
  const leaseUntil = new Date(now.getTime() + CLAIM_LEASE_MS);
  const [claim] = await db.$queryRaw<{ user_id: string; robinhood_user_id: string; failures: number }[]>`
    UPDATE sync_schedule SET next_sync_at = ${leaseUntil}, claimed_at = ${now}, updated_at = now()
    WHERE user_id = (
      SELECT user_id FROM sync_schedule
      WHERE next_sync_at <= ${now} AND reconnect_needed_since IS NULL
        AND NOT EXISTS (SELECT 1 FROM robinhood_throttle WHERE until > ${now})
      ORDER BY next_sync_at, user_id
      LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING user_id::text, robinhood_user_id, failures`;
  return claim
    ? { userId: claim.user_id, robinhoodUserId: claim.robinhood_user_id, failures: claim.failures }
    : null;
}

export type ScheduleBacklog = { due: number; throttledUntil: Date | null };

/** Users due now and Robinhood's throttle, in one query whatever the number of users. */
export async function readScheduleBacklog(db: Database, now: Date): Promise<ScheduleBacklog> {
  const [row] = await db.$queryRaw<{ due: number; throttled_until: Date | null }[]>`
    SELECT
      (SELECT count(*)::int FROM sync_schedule
       WHERE next_sync_at <= ${now} AND reconnect_needed_since IS NULL) AS due,
      (SELECT until FROM robinhood_throttle WHERE until > ${now}) AS throttled_until`;
  return { due: row?.due ?? 0, throttledUntil: row?.throttled_until ?? null };
}
