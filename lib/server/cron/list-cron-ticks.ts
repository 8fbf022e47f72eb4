import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import type { CronTickRecord } from "./record-cron-tick";

/** The most recent cron ticks, newest first: the operator's view of the scheduler. */
export async function listCronTicks(options: { limit: number; db?: Database }): Promise<CronTickRecord[]> {
  const db = options.db ?? getDb();
  const rows = await db.cronTick.findMany({
    orderBy: { startedAt: "desc" },
    take: options.limit,
    omit: { id: true },
  });
  return rows;
}
