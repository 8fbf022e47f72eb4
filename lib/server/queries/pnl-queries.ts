import "server-only";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { countedFillsCte } from "./counted-fills";
import { decimalText } from "./decimal-text";

/**
 * Aggregates for the dashboard, summed by PostgreSQL `numeric` (exact) and returned as text. Row-level
 * security already limits every table to the user; the explicit `user_id` filters say so too.
 */

export type SeriesPoint = { date: string; realized: string; cumulative: string };

/** Realized P&L per trading day (all underlyings), with the running total. */
export async function realizedSeries(tx: UserTransaction, userId: string): Promise<SeriesPoint[]> {
  const rows = await tx.$queryRaw<{ date: string; realized: string; cumulative: string }[]>`
    SELECT trade_date::text AS date,
           sum(realized_pnl)::text AS realized,
           (sum(sum(realized_pnl)) OVER (ORDER BY trade_date))::text AS cumulative
    FROM daily_pnl
    WHERE user_id = ${userId}::uuid
    GROUP BY trade_date
    ORDER BY trade_date`;
  return rows.map((row) => ({
    date: row.date,
    realized: decimalText(row.realized),
    cumulative: decimalText(row.cumulative),
  }));
}

export type UnderlyingRow = {
  underlying: string;
  realized: string;
  unrealized: string;
  fees: string;
  openPositions: number;
  /** Open positions without a mark: their unrealized P&L is unknown and left out of `unrealized`. */
  unmarkedPositions: number;
};

/** Realized (closed lots), unrealized (open positions) and every fee paid, per underlying. */
export async function underlyingRows(tx: UserTransaction, userId: string): Promise<UnderlyingRow[]> {
  const rows = await tx.$queryRaw<
    {
      underlying: string;
      realized: string;
      unrealized: string;
      fees: string;
      open: number;
      unmarked: number;
    }[]
  >`
    WITH realized AS (
      SELECT underlying, sum(realized_pnl) AS realized
      FROM daily_pnl WHERE user_id = ${userId}::uuid GROUP BY underlying
    ), unrealized AS (
      SELECT i.underlying, sum(p.unrealized_pnl) AS unrealized, count(*)::int AS open,
             count(*) FILTER (WHERE p.unrealized_pnl IS NULL)::int AS unmarked
      FROM open_positions p JOIN option_instruments i ON i.id = p.instrument_id
      WHERE p.user_id = ${userId}::uuid GROUP BY i.underlying
    ), ${countedFillsCte(userId)}, fees AS (
      SELECT underlying, sum(fees) AS fees FROM counted_fills GROUP BY underlying
    )
    SELECT u.underlying,
           coalesce(r.realized, 0)::text AS realized,
           coalesce(o.unrealized, 0)::text AS unrealized,
           coalesce(f.fees, 0)::text AS fees,
           coalesce(o.open, 0)::int AS open,
           coalesce(o.unmarked, 0)::int AS unmarked
    FROM (SELECT underlying FROM realized UNION SELECT underlying FROM unrealized
          UNION SELECT underlying FROM fees) u
    LEFT JOIN realized r ON r.underlying = u.underlying
    LEFT JOIN unrealized o ON o.underlying = u.underlying
    LEFT JOIN fees f ON f.underlying = u.underlying
    ORDER BY u.underlying`;
  return rows.map((row) => ({
    underlying: row.underlying,
    realized: decimalText(row.realized),
    unrealized: decimalText(row.unrealized),
    fees: decimalText(row.fees),
    openPositions: row.open,
    unmarkedPositions: row.unmarked,
  }));
}

/**
 * The dashboard's headline figures, read back from the stored derived tables (plus counts of
 * positions and chains). Not the engine's `PnlTotals` (lib/pnl), which is computed in memory from one
 * run's input and carries the reconciliation's cash flow and market value.
 */
export type DashboardTotals = {
  realized: string;
  unrealized: string;
  /** Fees of the fills P&L counts (`counted-fills.ts`): an imported fill that sync superseded is not paid twice. */
  fees: string;
  openPositions: number;
  unmarkedPositions: number;
  /** The stock ledger (equity trades and shares from assignments and exercises), apart from options. */
  stockRealized: string;
  stockUnrealized: string;
  /** Symbols with shares open, and those of them without a quote (left out of `stockUnrealized`). */
  stockPositions: number;
  unmarkedStockPositions: number;
  chains: number;
  openChains: number;
};

export async function pnlTotals(tx: UserTransaction, userId: string): Promise<DashboardTotals> {
  const [row] = await tx.$queryRaw<
    {
      realized: string;
      unrealized: string;
      fees: string;
      open: number;
      unmarked: number;
      stock: string;
      stock_unrealized: string;
      stock_open: number;
      stock_unmarked: number;
      chains: number;
      open_chains: number;
    }[]
  >`
    WITH ${countedFillsCte(userId)}
    SELECT
      (SELECT coalesce(sum(realized_pnl), 0) FROM daily_pnl WHERE user_id = ${userId}::uuid)::text AS realized,
      (SELECT coalesce(sum(unrealized_pnl), 0) FROM open_positions WHERE user_id = ${userId}::uuid)::text AS unrealized,
      (SELECT coalesce(sum(fees), 0) FROM counted_fills)::text AS fees,
      (SELECT count(*) FROM open_positions WHERE user_id = ${userId}::uuid)::int AS open,
      (SELECT count(*) FROM open_positions WHERE user_id = ${userId}::uuid AND unrealized_pnl IS NULL)::int AS unmarked,
      (SELECT coalesce(sum(realized_pnl), 0) FROM stock_positions WHERE user_id = ${userId}::uuid)::text AS stock,
      (SELECT coalesce(sum(unrealized_pnl), 0) FROM stock_positions WHERE user_id = ${userId}::uuid)::text AS stock_unrealized,
      (SELECT count(*) FROM stock_positions WHERE user_id = ${userId}::uuid AND quantity <> 0)::int AS stock_open,
      (SELECT count(*) FROM stock_positions
        WHERE user_id = ${userId}::uuid AND quantity <> 0 AND unrealized_pnl IS NULL)::int AS stock_unmarked,
      (SELECT count(*) FROM roll_chains WHERE user_id = ${userId}::uuid)::int AS chains,
      (SELECT count(*) FROM roll_chains WHERE user_id = ${userId}::uuid AND status = 'OPEN')::int AS open_chains`;
  if (!row) throw new Error("The totals query returned no row");
  return {
    realized: decimalText(row.realized),
    unrealized: decimalText(row.unrealized),
    fees: decimalText(row.fees),
    openPositions: row.open,
    unmarkedPositions: row.unmarked,
    stockRealized: decimalText(row.stock),
    stockUnrealized: decimalText(row.stock_unrealized),
    stockPositions: row.stock_open,
    unmarkedStockPositions: row.stock_unmarked,
    chains: row.chains,
    openChains: row.open_chains,
  };
}
