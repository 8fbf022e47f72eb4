import "server-only";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { assembleEquityCurve, type EquityPoint } from "@/lib/equity/assemble-equity-curve";
import { type ChartRange, rangeStart } from "@/lib/equity/chart-range";
import { type EquityDrawing, equityDrawing } from "@/lib/equity/equity-drawing";
import { cachedUserRead } from "@/lib/server/cache/cached-user-read";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";

export type EquitySeries = {
  range: ChartRange;
  /** The range's points (realized accumulated over the whole history, not just the range). */
  points: EquityPoint[];
  /** Days with stored marks in the whole history: 0 means no equity curve can be drawn yet. */
  markedDays: number;
  /** The range's points prepared for the chart (null when there are none), cached with them. */
  drawing: EquityDrawing | null;
};

export type GetEquitySeriesOptions = {
  robinhoodUserId: string;
  range: ChartRange;
  now?: Date;
  db?: Database;
};

/**
 * The dashboard chart's data: cumulative realized option P&L per trading day and, on days whose marks
 * were stored (daily_mark_days), the equity curve realized + unrealized. Read in one snapshot; the sums
 * are exact (PostgreSQL numerics to decimal strings, then lib/money). Cached per user and data version
 * (lib/server/cache).
 */
export async function getEquitySeries(options: GetEquitySeriesOptions): Promise<EquitySeries> {
  const start = rangeStart(options.range, tradingDateOf(options.now ?? new Date()));
  const key = ["equity-series", options.range, start];
  return cachedUserRead({ robinhoodUserId: options.robinhoodUserId, db: options.db, key }, () =>
    readAsUser(options, async (tx, user) => {
      const realized = await tx.$queryRaw<{ date: string; realized: string }[]>`
      SELECT trade_date::text AS date, sum(realized_pnl)::text AS realized
      FROM daily_pnl WHERE user_id = ${user.id}::uuid
      GROUP BY trade_date ORDER BY trade_date`;
      const marked = await tx.$queryRaw<{ date: string; unrealized: string }[]>`
      SELECT mark_date::text AS date, unrealized_pnl::text AS unrealized
      FROM daily_mark_days WHERE user_id = ${user.id}::uuid ORDER BY mark_date`;
      const curve = assembleEquityCurve(realized, marked);
      const points = start === null ? curve : curve.filter((point) => point.date >= start);
      return { range: options.range, points, markedDays: marked.length, drawing: equityDrawing(points) };
    }),
  );
}
