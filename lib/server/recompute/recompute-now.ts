import "server-only";
import { stepFailed } from "@/lib/errors/describe-error";
import type { Database } from "@/lib/server/db/create-prisma-client";
import type { RecomputeSummary } from "./recompute-in-transaction";
import { recomputeUserPnl } from "./recompute-user-pnl";

/** "Recompute now": rebuild the derived P&L rows from the stored raw data, or a `recompute_failed`. */
export async function recomputeNow(options: {
  robinhoodUserId: string;
  db?: Database;
}): Promise<RecomputeSummary> {
  try {
    // The user asked: a repair replays the whole history, whatever the last runs recorded.
    return await recomputeUserPnl({ ...options, trigger: "manual", mode: "full" });
  } catch (error) {
    throw stepFailed("recompute_failed", { prefix: "Recompute failed:", cause: error });
  }
}
