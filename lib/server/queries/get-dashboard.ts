import "server-only";
import { cachedUserRead } from "@/lib/server/cache/cached-user-read";
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

/**
 * Everything the dashboard shows. The figures are read in one transaction so they agree with each
 * other, and cached per user and data version (lib/server/cache); the sync and recompute status
 * changes between versions (a sync's progress), so it is read on every request.
 */
export async function getDashboard(options: GetDashboardOptions): Promise<Dashboard> {
  const scope = { robinhoodUserId: options.robinhoodUserId, db: options.db };
  const figures = await cachedUserRead({ ...scope, key: ["dashboard"] }, () =>
    readAsUser(scope, async (tx, user) => {
      const totals = await pnlTotals(tx, user.id);
      const series = await realizedSeries(tx, user.id);
      const underlyings = await underlyingRows(tx, user.id);
      return { totals, series, underlyings };
    }),
  );
  const status = await readAsUser(scope, (tx, user) => syncAndRecomputeStatus(tx, user.id));
  return { ...figures, ...status };
}
