// Scheduled by vercel.json ("*/10 * * * *", every 10 minutes); any other scheduler can call
// GET /api/cron/recompute with `Authorization: Bearer $CRON_SECRET` on the same schedule.
// Each tick deletes expired demo accounts and sign-in state, then recomputes users whose inputs
// changed.

import { runCronTick } from "@/lib/server/cron/run-cron-tick";
import { withCron } from "@/lib/server/cron/with-cron";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Leaves a margin under maxDuration for the response and the last user's transaction. */
const BUDGET_MS = 45_000;

export const GET = withCron("recompute", () => runCronTick({ budgetMs: BUDGET_MS }));
