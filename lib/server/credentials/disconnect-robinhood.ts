import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { AccountDeletedError, withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { openSessionToRevoke, type RevokeOptions, revokeBestEffort } from "./revoke-robinhood-tokens";

/**
 * On sign-out: Rollbook forgets the user's Robinhood tokens (credential and sync schedule removed, so
 * no scheduled sync runs until they sign in again; their data stays) and asks Robinhood to revoke
 * them. The revoke is best effort and bounded; forgetting is not. Returns whether Robinhood confirmed.
 */
export async function disconnectRobinhood(options: RevokeOptions): Promise<{ revoked: boolean }> {
  const session = await openSessionToRevoke(options);
  const userId = await forgetCredential(options.robinhoodUserId, options.db);
  if (!userId) return { revoked: false };
  return { revoked: await revokeBestEffort(session, userId) };
}

async function forgetCredential(robinhoodUserId: string, db: Database | undefined): Promise<string | null> {
  try {
    return await withUserTransaction({ db, robinhoodUserId, purpose: "work" }, async (tx, user) => {
      await tx.robinhoodCredential.deleteMany({ where: { userId: user.id } });
      await tx.syncSchedule.deleteMany({ where: { userId: user.id } });
      return user.id;
    });
  } catch (error) {
    // Deleted meanwhile (another tab): nothing is left to forget.
    if (error instanceof AccountDeletedError) return null;
    throw error;
  }
}
