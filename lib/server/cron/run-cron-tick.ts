import "server-only";
import { deleteExpiredSignInState } from "@/lib/server/auth/delete-expired-sign-in-state";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import { expireDemoAccounts } from "@/lib/server/demo/expire-demo-accounts";
import { type RecomputeTickReport, runRecomputeTick } from "@/lib/server/recompute/run-recompute-tick";

/** Expired demo accounts deleted per tick at most; a burst of visitors is worked off over a few ticks. */
export const DEMO_EXPIRY_BATCH = 100;

export type RunCronTickOptions = {
  /** Stop claiming new work after this long; the rest waits for the next tick. */
  budgetMs: number;
  db?: Database;
  /** Clock, injectable for tests. */
  now?: () => Date;
};

export type CronTickReport = Omit<RecomputeTickReport, "summaries"> & {
  demoAccountsDeleted: number;
  demoAccountsBusy: number;
  expiredSignInRowsDeleted: number;
};

/**
 * One scheduler tick: first deletes expired demo accounts (so no time goes into recomputing them) and
 * sign-in state nobody can use any more, then recomputes queued users with what is left of the
 * budget. Idle, it costs a constant number of queries: one for demo accounts, three for sign-in state
 * and one short transaction for the queue.
 */
export async function runCronTick(options: RunCronTickOptions): Promise<CronTickReport> {
  const started = Date.now();
  const now = options.now ?? (() => new Date());
  const demo = await expireDemoAccounts({ db: options.db, now: now(), limit: DEMO_EXPIRY_BATCH });
  const expiredSignInRowsDeleted = await deleteExpiredSignInState(options.db ?? getDb(), now().getTime());
  const { summaries: _summaries, ...recompute } = await runRecomputeTick({
    db: options.db,
    now,
    budgetMs: Math.max(0, options.budgetMs - (Date.now() - started)),
  });
  return {
    ...recompute,
    demoAccountsDeleted: demo.deleted,
    demoAccountsBusy: demo.busy,
    expiredSignInRowsDeleted,
  };
}
