// Scheduled by vercel.json ("*/5 * * * *", every 5 minutes); any other scheduler can call
// GET /api/cron/tick with `Authorization: Bearer $CRON_SECRET` on the same schedule, and several
// may run at once (docs/SYNC.md). Each tick deletes expired demo accounts and sign-in state, syncs
// the users whose scheduled sync is due, then recomputes users whose inputs changed.

import { runCronTick } from "@/lib/server/cron/run-cron-tick";
import { withCron } from "@/lib/server/cron/with-cron";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** Leaves a margin under maxDuration for the response and the last users' work. */
const BUDGET_MS = 40_000;

export const GET = withCron("tick", () => runCronTick({ budgetMs: BUDGET_MS }));
