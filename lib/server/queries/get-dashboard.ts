import "server-only";
import type { FreshnessStatus } from "@/lib/freshness/status-schema";
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
import {
  lastRecomputeRun,
  type RecomputeRunView,
  type SyncStatusView,
  syncAndRecomputeStatus,
  syncStatusOf,
} from "./status-queries";

export type Dashboard = {
  totals: DashboardTotals;
  series: SeriesPoint[];
  underlyings: UnderlyingRow[];
  sync: SyncStatusView | null;
  lastRecompute: RecomputeRunView | null;
};

export type GetDashboardOptions = {
  robinhoodUserId: string;
  db?: Database;
  /**
   * The freshness status the page frame read with the session (get-page-frame.ts): the sync's status
   * comes from it, and the last recompute run is then cached under it. Without it, both are read.
   */
  freshness?: FreshnessStatus;
};

/**
 * Everything the dashboard shows. The figures are read in one transaction so they agree with each
 * other, and cached per user and data version (lib/server/cache); the sync and recompute status
 * changes between versions (a sync's progress), so it comes from the request's freshness status.
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
  const { freshness } = options;
  if (!freshness) {
    const status = await readAsUser(scope, (tx, user) => syncAndRecomputeStatus(tx, user.id));
    return { ...figures, ...status };
  }
  // Runs are written once, when they end: the newest run changes only with the freshness status's
  // recompute (its status, finish and insert time, which `version` carries), so it keys the cache.
  const lastRecompute = await cachedUserRead(
    { ...scope, key: ["last-recompute", freshness.version, freshness.recompute] },
    () => readAsUser(scope, (tx, user) => lastRecomputeRun(tx, user.id)),
  );
  return { ...figures, sync: syncStatusOf(freshness), lastRecompute };
}
