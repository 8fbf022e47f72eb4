import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * `counted_fills`, a CTE of the option fills that P&L counts, each with its cash: the rule of
 * lib/server/recompute/load-pnl-input.ts (`counts`, `SupersededSwaps`) restated in SQL, so the cash
 * flows of the reconciliation are summed by PostgreSQL, exactly, without loading every fill:
 *
 * - From the first trading date of the history synced from Robinhood (option or equity fills), the
 *   synced history is the truth: imported fills dated on or after it are left out.
 * - Fills of an imported rename's legacy swap pair (order ids `rh-oca:`) are left out on the
 *   rename's date, where the corporate action carries the position instead.
 *
 * A fill's cash: a sale brings in price × quantity × multiplier, a purchase pays it, fees are paid
 * either way (`fillCash` in lib/analytics/explain). If the two rules ever drift apart, the
 * reconciliation on the Explain page stops being zero, which is how a reader would notice.
 */
export function countedFillsCte(userId: string): Prisma.Sql {
  return Prisma.sql`
    synced AS (
      SELECT least(
        (SELECT min(e.trade_date) FROM option_executions e
           JOIN option_legs l ON l.id = e.leg_id JOIN option_orders o ON o.id = l.order_id
         WHERE e.user_id = ${userId}::uuid AND o.source = 'API'),
        (SELECT min(trade_date) FROM stock_trades
         WHERE user_id = ${userId}::uuid AND source = 'API' AND kind = 'TRADE')
      ) AS first_date
    ), counted_fills AS (
      SELECT e.id, e.leg_id, o.id AS order_id, e.trade_date, e.fees, e.price, e.quantity, l.side,
             i.underlying, i.expiration_date, i.strike_price, i.option_type, i.multiplier,
             CASE WHEN l.side = 'SELL' THEN 1 ELSE -1 END * e.price * e.quantity * i.multiplier - e.fees AS cash
      FROM option_executions e
      JOIN option_legs l ON l.id = e.leg_id
      JOIN option_orders o ON o.id = l.order_id
      JOIN option_instruments i ON i.id = l.instrument_id
      CROSS JOIN synced s
      WHERE e.user_id = ${userId}::uuid
        AND (s.first_date IS NULL OR o.source = 'API' OR e.trade_date < s.first_date)
        AND NOT (o.broker_order_id LIKE 'rh-oca:%' AND EXISTS (
          SELECT 1 FROM corporate_actions a
          WHERE a.user_id = ${userId}::uuid AND a.account_id = o.account_id AND a.type = 'RENAME'
            AND a.effective_date = e.trade_date AND i.underlying IN (a.symbol, a.new_symbol)))
    )`;
}
