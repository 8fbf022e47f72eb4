import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import {
  type DashboardTotals,
  pnlTotals,
  realizedSeries,
  type SeriesPoint,
  type UnderlyingRow,
  underlyingRows,
} from "./pnl-queries";
import { type RecomputeRunView, type SyncStatusView, syncAndRecomputeStatus } from "./status-queries";

export type Dashboard = {
  totals: DashboardTotals;
  series: SeriesPoint[];
  underlyings: UnderlyingRow[];
  sync: SyncStatusView | null;
  lastRecompute: RecomputeRunView | null;
};

export type GetDashboardOptions = { robinhoodUserId: string; db?: Database };

/** Everything the dashboard shows, read in one transaction so the figures agree with each other. */
export async function getDashboard(options: GetDashboardOptions): Promise<Dashboard> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const totals = await pnlTotals(tx, user.id);
    const series = await realizedSeries(tx, user.id);
    const underlyings = await underlyingRows(tx, user.id);
    const status = await syncAndRecomputeStatus(tx, user.id);
    return { totals, series, underlyings, ...status };
  });
}
