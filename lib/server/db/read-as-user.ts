import "server-only";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import type { Database } from "./create-prisma-client";
import { getDb } from "./db";
import type { ScopedUser, UserTransaction } from "./with-user-transaction";

export type ReadAsUserOptions = { robinhoodUserId: string; db?: Database };

/**
 * Reads a user's data in a read-only transaction scoped by row-level security. Pages use it: a read
 * writes nothing, so it neither upserts the user nor waits for the per-user lock that a sync or
 * recompute holds while it writes (PostgreSQL's snapshot shows the last committed state).
 */
export async function readAsUser<T>(
  options: ReadAsUserOptions,
  read: (tx: UserTransaction, user: ScopedUser) => Promise<T>,
): Promise<T> {
  const robinhoodUserId = options.robinhoodUserId.trim().toLowerCase();
  const userId = userIdFromRobinhoodUserId(robinhoodUserId);
  const db = options.db ?? getDb();
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
      return read(tx, { id: userId, robinhoodUserId });
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
