import "server-only";
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
  const run = await tx.recomputeRun.findFirst({ where: { userId }, orderBy: { startedAt: "desc" } });
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
    lastRecompute: run
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
      : null,
  };
}

function phaseOf(progress: unknown): string | null {
  if (typeof progress !== "object" || progress === null || !("phase" in progress)) return null;
  return typeof progress.phase === "string" ? progress.phase : null;
}
