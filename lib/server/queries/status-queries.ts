import "server-only";
import type { FreshnessStatus } from "@/lib/freshness/status-schema";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";

export type SyncStatusView = {
  status: "IDLE" | "RUNNING" | "SUCCEEDED" | "FAILED";
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastError: string | null;
  /** While running: the phase the sync reported last ("orders", "marks", ...). */
  phase: string | null;
};

export type RecomputeRunView = {
  status: "RUNNING" | "SUCCEEDED" | "FAILED";
  trigger: string;
  engineVersion: string;
  startedAt: string;
  durationMs: number | null;
  executionCount: number;
  eventCount: number;
  lotCount: number;
  chainCount: number;
  error: string | null;
};

export async function syncAndRecomputeStatus(
  tx: UserTransaction,
  userId: string,
): Promise<{ sync: SyncStatusView | null; lastRecompute: RecomputeRunView | null }> {
  const sync = await tx.syncState.findUnique({ where: { userId } });
  return {
    sync: sync
      ? {
          status: sync.status,
          lastStartedAt: sync.lastStartedAt?.toISOString() ?? null,
          lastFinishedAt: sync.lastFinishedAt?.toISOString() ?? null,
          lastError: sync.lastError,
          phase: phaseOf(sync.progress),
        }
      : null,
    lastRecompute: await lastRecomputeRun(tx, userId),
  };
}

/**
 * The sync's status as the page frame's freshness status carries it (read with the session, see
 * get-page-frame.ts), in the dashboard's shape.
 */
export function syncStatusOf(freshness: FreshnessStatus): SyncStatusView | null {
  const sync = freshness.sync;
  if (!sync) return null;
  return {
    status: sync.status,
    lastStartedAt: sync.startedAt,
    lastFinishedAt: sync.finishedAt,
    lastError: sync.error,
    phase: sync.progress?.phase ?? null,
  };
}

/** The user's newest recompute run (runs are written once, when they end, and never changed). */
export async function lastRecomputeRun(
  tx: UserTransaction,
  userId: string,
): Promise<RecomputeRunView | null> {
  const run = await tx.recomputeRun.findFirst({ where: { userId }, orderBy: { startedAt: "desc" } });
  return run
    ? {
        status: run.status,
        trigger: run.trigger,
        engineVersion: run.engineVersion,
        startedAt: run.startedAt.toISOString(),
        durationMs: run.durationMs,
        executionCount: run.executionCount,
        eventCount: run.eventCount,
        lotCount: run.lotCount,
        chainCount: run.chainCount,
        error: run.error,
      }
    : null;
}

function phaseOf(progress: unknown): string | null {
  if (typeof progress !== "object" || progress === null || !("phase" in progress)) return null;
  return typeof progress.phase === "string" ? progress.phase : null;
}
