import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";

/** A demo sync younger than this is reused: every visitor shares the one demo account. */
export const DEMO_FRESH_FOR_MS = 15 * 60_000;

/**
 * True when the demo account synced successfully a short while ago and a successful recompute ran
 * after that sync, so opening it again can skip straight to the dashboard.
 */
export async function demoIsFresh(options: {
  robinhoodUserId: string;
  now: Date;
  db?: Database;
}): Promise<boolean> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const sync = await tx.syncState.findUnique({ where: { userId: user.id } });
    if (sync?.status !== "SUCCEEDED" || !sync.lastFinishedAt) return false;
    if (options.now.getTime() - sync.lastFinishedAt.getTime() > DEMO_FRESH_FOR_MS) return false;
    const run = await tx.recomputeRun.findFirst({
      where: { userId: user.id },
      orderBy: { startedAt: "desc" },
      select: { status: true, startedAt: true },
    });
    return run?.status === "SUCCEEDED" && run.startedAt >= sync.lastFinishedAt;
  });
}
