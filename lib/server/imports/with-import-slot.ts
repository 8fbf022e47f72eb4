import "server-only";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { withPgTransaction } from "@/lib/server/db/with-pg-transaction";

export type ImportSlot<T> = { status: "busy" } | { status: "ran"; value: T };

/**
 * Runs `work` while holding the user's import slot, or answers `busy` at once when another import
 * of the same user holds it: one import at a time per user, across every instance of the app. The
 * slot is a transaction-scoped advisory lock in a transaction of its own that stays open while the
 * work runs, so a crashed process releases it with its connection; nothing is left to expire.
 * It is not the per-user lock of `withUserTransaction`, which a second import would wait on.
 */
export async function withImportSlot<T>(
  options: { robinhoodUserId: string; connectionString: string; timeoutMs: number },
  work: () => Promise<T>,
): Promise<ImportSlot<T>> {
  const userId = userIdFromRobinhoodUserId(options.robinhoodUserId.trim().toLowerCase());
  return withPgTransaction({ ...options, what: "the import" }, async (tx) => {
    const [lock] = await tx.$queryRawUnsafe<{ taken: boolean }[]>(
      "SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS taken",
      importLockKey(userId),
    );
    if (!lock?.taken) return { status: "busy" as const };
    return { status: "ran" as const, value: await work() };
  });
}

function importLockKey(userId: string): string {
  return `rollbook-import:${userId}`;
}
