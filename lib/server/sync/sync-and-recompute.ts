import "server-only";
import { stepFailed } from "@/lib/errors/describe-error";
import { openRobinhoodSession } from "@/lib/server/credentials/open-robinhood-session";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import type { SyncTrigger } from "./sync-types";
import { syncUser } from "./sync-user";

export type SyncAndRecomputeOptions = {
  robinhoodUserId: string;
  db?: Database;
  /** "Sync now" (the default), or the first sync a Robinhood sign-in starts. */
  trigger?: Extract<SyncTrigger, "manual" | "sign-in">;
  /** Overrides Robinhood's URL (tests: a simulator). */
  baseUrl?: string;
};

export type SyncAndRecomputeResult = { orders: number; newOrders: number; chains: number };

/**
 * "Sync now", and the sync a sign-in starts: pull from Robinhood with the stored credential, then
 * recompute P&L. Throws an AppError
 * saying which step failed: `sync_failed` (nothing was written), or `recompute_failed` (the sync's
 * data is stored and queued, so the cron recomputes it later).
 */
export async function syncAndRecompute(options: SyncAndRecomputeOptions): Promise<SyncAndRecomputeResult> {
  let orders: number;
  let newOrders: number;
  try {
    const session = await openRobinhoodSession(options);
    const report = await syncUser({
      robinhoodUserId: options.robinhoodUserId,
      db: options.db,
      session,
      trigger: options.trigger ?? "manual",
    });
    orders = report.synced.orders;
    newOrders = report.inserted.orders;
  } catch (error) {
    throw stepFailed("sync_failed", { prefix: "Sync failed:", cause: error });
  }
  try {
    const summary = await recomputeUserPnl({
      robinhoodUserId: options.robinhoodUserId,
      db: options.db,
      trigger: "sync",
    });
    return { orders, newOrders, chains: summary.chains };
  } catch (error) {
    throw stepFailed("recompute_failed", { prefix: "Synced, but recomputing P&L failed:", cause: error });
  }
}
