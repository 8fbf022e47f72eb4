/**
 * The operator's view of the scheduler: `npm run cron:ticks [-- --limit 20 --format json]` prints the
 * latest cron ticks from `cron_ticks` (DATABASE_URL), newest first: users due, claimed, synced,
 * failed (of which reconnect needed), skipped for budget, a Robinhood throttle, recomputes and the
 * duration. `GET /api/cron/ticks` serves the same rows behind CRON_SECRET.
 */
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { listCronTicks } from "@/lib/server/cron/list-cron-ticks";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { parseFlags } from "./bench/parse-flags";

const args = z
  .object({
    limit: z.coerce.number().int().min(1).max(1_000).default(20),
    format: z.enum(["table", "json"]).default("table"),
  })
  .parse(parseFlags(process.argv.slice(2)));

const url = getEnv().DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: point it at the database whose cron ticks you want to see.");
  process.exit(2);
}
const db = createPrismaClient(url);
try {
  const ticks = await listCronTicks({ db, limit: args.limit });
  if (args.format === "json") {
    console.log(JSON.stringify(ticks, null, 2));
  } else {
    const rows = ticks.map((tick) => ({
      started: tick.startedAt.toISOString().replace("T", " ").slice(0, 19),
      ms: tick.durationMs,
      due: tick.usersDue,
      claimed: tick.claimed,
      synced: tick.synced,
      failed: tick.failed,
      reconnect: tick.reconnectNeeded,
      "skipped (budget)": tick.skippedForBudget,
      "throttled until": tick.throttledUntil?.toISOString().slice(11, 19) ?? "",
      recomputed: tick.recomputed,
      "recompute failed": tick.recomputeFailed,
      "demo deleted": tick.demoAccountsDeleted,
    }));
    if (rows.length === 0) console.log("No cron tick recorded yet.");
    else console.table(rows);
  }
} finally {
  await db.$disconnect();
}
