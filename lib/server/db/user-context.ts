import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Sets the row-level-security context (`app.user_id`, transaction-local) and takes the per-user
 * advisory lock that orders this transaction against an account deletion of the same user.
 */
export async function setUserContext(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${userLockKey(userId)}, 0))`;
}

/**
 * The advisory-lock key of a user; every lock on a user's data uses this one key. It is the user id
 * after a fixed prefix (`userLockKey("")`), which SQL that locks a user it just read relies on.
 */
export function userLockKey(userId: string): string {
  return `rollbook-user:${userId}`;
}
