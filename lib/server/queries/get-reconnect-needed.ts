import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";

/**
 * Since when Robinhood has refused the user's stored sign-in (null: it has not), for the banner on
 * every page. One primary-key read of the schedule, which holds no data of the user.
 */
export async function getReconnectNeededSince(options: {
  userId: string;
  db?: Database;
}): Promise<Date | null> {
  const db = options.db ?? getDb();
  const row = await db.syncSchedule.findUnique({
    where: { userId: options.userId },
    select: { reconnectNeededSince: true },
  });
  return row?.reconnectNeededSince ?? null;
}
