import "server-only";
import { plural, userMessageOf } from "@/lib/server/action-messages";
import { openRobinhoodSession } from "@/lib/server/credentials/open-robinhood-session";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";

export type DashboardActionResult = { ok: boolean; message: string };

export type SyncAndRecomputeOptions = { robinhoodUserId: string; db?: Database };

/** "Sync now": pull from Robinhood with the stored credential, then recompute P&L. */
export async function syncAndRecompute(options: SyncAndRecomputeOptions): Promise<DashboardActionResult> {
  let orders: number;
  let newOrders: number;
  try {
    const session = await openRobinhoodSession(options);
    const report = await syncUser({ ...options, session, trigger: "manual" });
    orders = report.synced.orders;
    newOrders = report.inserted.orders;
  } catch (error) {
    return { ok: false, message: `Sync failed: ${userMessageOf(error, "dashboard action")}` };
  }
  try {
    const summary = await recomputeUserPnl({ ...options, trigger: "sync" });
    return {
      ok: true,
      message: `Synced ${plural(orders, "order")} (${newOrders} new) and recomputed ${plural(summary.chains, "chain")}.`,
    };
  } catch (error) {
    return {
      ok: false,
      message: `Synced, but recomputing P&L failed: ${userMessageOf(error, "dashboard action")}`,
    };
  }
}

/** "Recompute now": rebuild the derived P&L rows from the stored raw data. */
export async function recomputeNow(options: SyncAndRecomputeOptions): Promise<DashboardActionResult> {
  try {
    const summary = await recomputeUserPnl({ ...options, trigger: "manual" });
    return {
      ok: true,
      message: `Recomputed ${plural(summary.executions, "fill")} into ${plural(summary.chains, "chain")} in ${summary.durationMs} ms.`,
    };
  } catch (error) {
    return { ok: false, message: `Recompute failed: ${userMessageOf(error, "dashboard action")}` };
  }
}
