import "server-only";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";

export type ImportSlot<T> = { status: "busy" } | { status: "ran"; value: T };

/**
 * Runs `work` while holding the user's import slot, or answers `busy` at once when another import
 * of the same user holds it: one import at a time per user, across every instance of the app. The
 * slot is a transaction-scoped advisory lock in a transaction of its own that stays open while the
 * work runs, so a crashed process releases it with its connection; nothing is left to expire.
 * It is not the per-user lock of `withUserTransaction`, which a second import would wait on.
 */
export async function withImportSlot<T>(
  options: { robinhoodUserId: string; db?: Database; timeoutMs: number },
  work: () => Promise<T>,
): Promise<ImportSlot<T>> {
  const db = options.db ?? getDb();
  const userId = userIdFromRobinhoodUserId(options.robinhoodUserId.trim().toLowerCase());
  return db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<{ taken: boolean }[]>`
        SELECT pg_try_advisory_xact_lock(hashtextextended(${importLockKey(userId)}, 0)) AS taken`;
      if (!lock?.taken) return { status: "busy" as const };
      return { status: "ran" as const, value: await work() };
    },
    { timeout: options.timeoutMs, maxWait: 10_000 },
  );
}

function importLockKey(userId: string): string {
  return `rollbook-import:${userId}`;
}
