import "server-only";
import { decideDailyMarks } from "@/lib/dates/market-close";
import { dateColumn, tradingDateOf } from "@/lib/dates/trading-date";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";

export type RecordDailyMarksResult = { stored: boolean; date: string; positions: number };

/**
 * Stores the day's marks of every open option contract and stock position (the rows recompute just
 * wrote), once per New York date and again once after the 16:00 close (lib/dates/market-close.ts).
 * Runs inside the recompute's transaction, under the user's lock: the values are those of that
 * recompute, and two recomputes at once cannot both store a day. The marks are the user's own source
 * (a demo user's come from the simulated Robinhood), copied exactly as SQL numerics.
 */
export async function recordDailyMarks(
  tx: UserTransaction,
  user: ScopedUser,
  options: { now: Date },
): Promise<RecordDailyMarksResult> {
  const existing = await tx.dailyMarkDay.findUnique({
    where: { userId_markDate: { userId: user.id, markDate: dateColumn(tradingDateOf(options.now)) } },
    select: { afterClose: true },
  });
  const decision = decideDailyMarks({ now: options.now, existing });
  if (!decision.store) return { stored: false, date: decision.date, positions: 0 };
  const day = dateColumn(decision.date);
  if (decision.replace) {
    // Its marks go with it (foreign key, on delete cascade).
    await tx.dailyMarkDay.delete({ where: { userId_markDate: { userId: user.id, markDate: day } } });
  }

  await tx.$executeRaw`
    INSERT INTO daily_mark_days (user_id, mark_date, taken_at, after_close, unrealized_pnl, option_unrealized,
                                 stock_unrealized, unmarked_positions)
    SELECT ${user.id}::uuid, ${day}::date, ${options.now}, ${decision.afterClose},
           o.unrealized + s.unrealized, o.unrealized, s.unrealized, o.unmarked + s.unmarked
    FROM (SELECT coalesce(sum(unrealized_pnl), 0) AS unrealized,
                 count(*) FILTER (WHERE unrealized_pnl IS NULL)::int AS unmarked
          FROM open_positions WHERE user_id = ${user.id}::uuid) o,
         (SELECT coalesce(sum(unrealized_pnl), 0) AS unrealized,
                 count(*) FILTER (WHERE unrealized_pnl IS NULL)::int AS unmarked
          FROM stock_positions WHERE user_id = ${user.id}::uuid AND quantity <> 0) s`;
  const optionRows = await tx.$executeRaw`
    INSERT INTO daily_marks (user_id, mark_date, account_id, position_key, kind, instrument_id, symbol, quantity,
                             mark_price, market_value, cost_basis, unrealized_pnl)
    SELECT p.user_id, ${day}::date, p.account_id, 'option:' || p.instrument_id || ':' || lower(p.side::text), 'OPTION', p.instrument_id,
           i.underlying, p.quantity,
           p.mark_price, p.market_value, p.cost_basis, p.unrealized_pnl
    FROM open_positions p JOIN option_instruments i ON i.id = p.instrument_id
    WHERE p.user_id = ${user.id}::uuid`;
  const stock = await tx.$executeRaw`
    INSERT INTO daily_marks (user_id, mark_date, account_id, position_key, kind, instrument_id, symbol, quantity,
                             mark_price, market_value, cost_basis, unrealized_pnl)
    SELECT user_id, ${day}::date, account_id, 'stock:' || symbol, 'STOCK', NULL, symbol, quantity,
           mark_price, market_value, cost_basis, unrealized_pnl
    FROM stock_positions
    WHERE user_id = ${user.id}::uuid AND quantity <> 0`;
  return { stored: true, date: decision.date, positions: optionRows + stock };
}
