import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";

/**
 * Deletes sign-in state nobody can use any more: limiter windows that have closed, abandoned
 * sign-ins and records of expired tickets. Each use already sweeps its own table as it goes (the
 * limiter every few minutes in each process, pending logins and tickets on every new one); the cron
 * calls this as well so that the tables stay small when an instance never runs long.
 */
export async function deleteExpiredSignInState(db: Database, now = Date.now()): Promise<number> {
  // One statement for the three tables: the cron runs this on every tick, idle ones included.
  const [row] = await db.$queryRaw<{ deleted: number }[]>`
    WITH limits AS (DELETE FROM sign_in_limits WHERE expire <= ${BigInt(now)} RETURNING 1),
         pending AS (DELETE FROM pending_logins WHERE expires_at <= ${new Date(now)} RETURNING 1),
         tickets AS (DELETE FROM used_sign_in_tickets WHERE expires_at <= ${new Date(now)} RETURNING 1)
    SELECT ((SELECT count(*) FROM limits) + (SELECT count(*) FROM pending) + (SELECT count(*) FROM tickets))::int
      AS deleted`;
  return row?.deleted ?? 0;
}
