import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Sets the row-level-security context (`app.user_id`, transaction-local) and takes the per-user
 * advisory lock that orders this transaction against an account deletion of the same user.
 */
export async function setUserContext(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`rollbook-user:${userId}`}, 0))`;
}
