import "server-only";
import { isRobinhoodError } from "@/lib/robinhood/client";
import { openRobinhoodSession } from "@/lib/server/credentials/open-robinhood-session";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";
import { logger } from "@/lib/server/logger";
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
    const report = await syncUser({ ...options, session });
    orders = report.synced.orders;
    newOrders = report.inserted.orders;
  } catch (error) {
    return { ok: false, message: `Sync failed: ${userMessageOf(error)}` };
  }
  try {
    const summary = await recomputeUserPnl({ ...options, trigger: "sync" });
    return {
      ok: true,
      message: `Synced ${plural(orders, "order")} (${newOrders} new) and recomputed ${plural(summary.chains, "chain")}.`,
    };
  } catch (error) {
    return { ok: false, message: `Synced, but recomputing P&L failed: ${userMessageOf(error)}` };
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
    return { ok: false, message: `Recompute failed: ${userMessageOf(error)}` };
  }
}

function userMessageOf(error: unknown): string {
  if (isRobinhoodError(error)) return error.userMessage;
  if (error instanceof AccountDeletedError) return error.message;
  logger.error(
    { err: error instanceof Error ? { name: error.name, message: error.message } : String(error) },
    "dashboard action failed",
  );
  return "an internal error occurred. Try again later.";
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
