// Scheduled by vercel.json ("*/10 * * * *", every 10 minutes); any other scheduler can call
// GET /api/cron/recompute with `Authorization: Bearer $CRON_SECRET` on the same schedule.
import { deleteExpiredSignInState } from "@/lib/server/auth/delete-expired-sign-in-state";
import { withCron } from "@/lib/server/cron/with-cron";
import { getDb } from "@/lib/server/db/db";
import { runRecomputeTick } from "@/lib/server/recompute/run-recompute-tick";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Leaves a margin under maxDuration for the response and the last user's transaction. */
const BUDGET_MS = 45_000;

export const GET = withCron("recompute", async () => {
  const { summaries, ...counts } = await runRecomputeTick({ budgetMs: BUDGET_MS });
  return { ...counts, expiredSignInRowsDeleted: await deleteExpiredSignInState(getDb()) };
});
