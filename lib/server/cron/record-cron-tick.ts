import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";

/** Ticks older than this are pruned by the insert of a new one. */
export const CRON_TICK_RETENTION_DAYS = 30;

export type CronTickRecord = {
  startedAt: Date;
  durationMs: number;
  usersDue: number;
  claimed: number;
  synced: number;
  failed: number;
  reconnectNeeded: number;
  skippedForBudget: number;
  throttledUntil: Date | null;
  recomputed: number;
  recomputeFailed: number;
  demoAccountsDeleted: number;
  budgetExhausted: boolean;
};

/** Stores what one tick did and prunes old ticks, in one statement (a constant cost per tick). */
export async function recordCronTick(db: Database, tick: CronTickRecord): Promise<void> {
  const cutoff = new Date(tick.startedAt.getTime() - CRON_TICK_RETENTION_DAYS * 86_400_000);
  await db.$executeRaw`
    WITH pruned AS (DELETE FROM cron_ticks WHERE started_at < ${cutoff})
    INSERT INTO cron_ticks (started_at, duration_ms, users_due, claimed, synced, failed, reconnect_needed,
      skipped_for_budget, throttled_until, recomputed, recompute_failed, demo_accounts_deleted,
      budget_exhausted)
    VALUES (${tick.startedAt}, ${tick.durationMs}, ${tick.usersDue}, ${tick.claimed}, ${tick.synced},
      ${tick.failed}, ${tick.reconnectNeeded}, ${tick.skippedForBudget}, ${tick.throttledUntil},
      ${tick.recomputed}, ${tick.recomputeFailed}, ${tick.demoAccountsDeleted}, ${tick.budgetExhausted})`;
}
