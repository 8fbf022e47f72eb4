import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import {
  type ScopedUser,
  type UserTransaction,
  withUserTransaction,
} from "@/lib/server/db/with-user-transaction";
import type { SyncProgress } from "./sync-types";

type StateTarget = { db?: Database; robinhoodUserId: string };

/**
 * Progress of the network phase, in its own short transaction so the status page sees it while the
 * sync runs. Never called during the write: that transaction holds the user's lock.
 */
export async function recordSyncProgress(target: StateTarget, progress: SyncProgress): Promise<void> {
  await withUserTransaction(
    { db: target.db, robinhoodUserId: target.robinhoodUserId, purpose: "work" },
    async (tx, user) => {
      await tx.syncState.upsert({
        where: { userId: user.id },
        create: { userId: user.id, status: "RUNNING", progress },
        update: { progress },
      });
    },
  );
}

/** Marks the sync failed with a message fit for the user (never a token: see `userMessageOf` in lib/errors). */
export async function recordSyncFailure(
  target: StateTarget,
  failure: { message: string; finishedAt: Date; progress: SyncProgress },
): Promise<void> {
  await withUserTransaction(
    { db: target.db, robinhoodUserId: target.robinhoodUserId, purpose: "work" },
    async (tx, user) => {
      const data = {
        status: "FAILED" as const,
        lastError: failure.message,
        lastFinishedAt: failure.finishedAt,
        progress: failure.progress,
      };
      await tx.syncState.upsert({
        where: { userId: user.id },
        create: { userId: user.id, ...data },
        update: data,
      });
    },
  );
}

/**
 * Inside the write transaction: success, and the watermarks moved forward (never back, so an older
 * sync finishing late cannot make the next one refetch less).
 */
export async function recordSyncSuccess(
  tx: UserTransaction,
  user: ScopedUser,
  success: {
    finishedAt: Date;
    progress: SyncProgress;
    newestOrderUpdate: Date | null;
    newestEventUpdate: Date | null;
    newestStockOrderUpdate: Date | null;
  },
): Promise<{ ordersWatermark: Date | null; stockOrdersWatermark: Date | null }> {
  const previous = await tx.syncState.findUnique({
    where: { userId: user.id },
    select: { ordersWatermark: true, eventsWatermark: true, stockOrdersWatermark: true },
  });
  const data = {
    status: "SUCCEEDED" as const,
    lastError: null,
    lastFinishedAt: success.finishedAt,
    progress: success.progress,
    ordersWatermark: latest(previous?.ordersWatermark ?? null, success.newestOrderUpdate),
    eventsWatermark: latest(previous?.eventsWatermark ?? null, success.newestEventUpdate),
    stockOrdersWatermark: latest(previous?.stockOrdersWatermark ?? null, success.newestStockOrderUpdate),
  };
  await tx.syncState.upsert({
    where: { userId: user.id },
    create: { userId: user.id, ...data },
    update: data,
  });
  return { ordersWatermark: data.ordersWatermark, stockOrdersWatermark: data.stockOrdersWatermark };
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
