// GET /api/cron/ticks?limit=50 with `Authorization: Bearer $CRON_SECRET`: the latest cron ticks, newest
// first (users due, claimed, synced, failed, skipped for budget, duration). For operators; counts only.

import { z } from "zod";
import { listCronTicks } from "@/lib/server/cron/list-cron-ticks";
import { withCron } from "@/lib/server/cron/with-cron";

export const dynamic = "force-dynamic";

/** A missing or unreadable limit means the default rather than an error: the view is read by people. */
const query = z.object({ limit: z.coerce.number().int().min(1).max(500).catch(50).default(50) });

export const GET = withCron("ticks", async (request) => {
  const { limit } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { ticks: await listCronTicks({ limit }) };
});
