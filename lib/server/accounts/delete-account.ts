import "server-only";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import { setUserContext } from "@/lib/server/db/user-context";

export type DeleteAccountOptions = { robinhoodUserId: string; db?: Database };

/**
 * Deletes a user and, through cascades, every row they own. A tombstone written in the same
 * transaction stops sync, import or recompute work that was already running from recreating them.
 */
export async function deleteAccount(options: DeleteAccountOptions): Promise<{ deleted: boolean }> {
  const db = options.db ?? getDb();
  const robinhoodUserId = options.robinhoodUserId.trim().toLowerCase();
  const userId = userIdFromRobinhoodUserId(robinhoodUserId);
  return db.$transaction(
    async (tx) => {
      await setUserContext(tx, userId);
      // Work never recreates a demo user (runAsUser), so a demo account needs no tombstone.
      if (!isDemoRobinhoodUserId(robinhoodUserId)) {
        await tx.$executeRaw`
          INSERT INTO account_deletions (robinhood_user_id) VALUES (${robinhoodUserId})
          ON CONFLICT (robinhood_user_id) DO UPDATE SET deleted_at = now()`;
      }
      const deleted = await tx.$executeRaw`DELETE FROM users WHERE id = ${userId}::uuid`;
      return { deleted: deleted > 0 };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
