import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";

/**
 * Deletes sign-in state nobody can use any more: limiter windows that have closed, abandoned
 * sign-ins and records of expired tickets. Each use already sweeps its own table as it goes (the
 * limiter every few minutes in each process, pending logins and tickets on every new one); the cron
 * calls this as well so that the tables stay small when an instance never runs long.
 */
export async function deleteExpiredSignInState(db: Database, now = Date.now()): Promise<number> {
  const [limits, pending, tickets] = await Promise.all([
    db.signInLimit.deleteMany({ where: { expire: { lte: BigInt(now) } } }),
    db.pendingLogin.deleteMany({ where: { expiresAt: { lte: new Date(now) } } }),
    db.usedSignInTicket.deleteMany({ where: { expiresAt: { lte: new Date(now) } } }),
  ]);
  return limits.count + pending.count + tickets.count;
}
