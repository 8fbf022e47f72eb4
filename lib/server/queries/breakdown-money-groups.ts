import "server-only";
import { UNKNOWN_GROUP } from "@/lib/analytics";
import type { BreakdownGrouping, DateRange, MoneyGroup } from "@/lib/analytics/explain";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseDecimal } from "@/lib/money";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { countedFillsCte } from "./counted-fills";
import { dateWithin } from "./date-range-sql";

export type MoneyMetric = "realized" | "unrealized" | "fees" | "cash-flows";

type GroupRow = { key: string; value: string; count: number };

// Group keys as SQL: fixed fragments chosen by a parsed enum, never text from a request.
const unknown = Prisma.sql`${UNKNOWN_GROUP}::text`;
const LOT_KEYS: Record<BreakdownGrouping, Prisma.Sql> = {
  underlying: Prisma.sql`i.underlying`,
  strategy: Prisma.sql`coalesce(c.strategy, ${unknown})`,
  expiration: Prisma.sql`i.expiration_date::text`,
  month: Prisma.sql`to_char(l.close_trade_date, 'YYYY-MM')`,
};
const POSITION_KEYS: Record<BreakdownGrouping, Prisma.Sql | null> = {
  underlying: Prisma.sql`i.underlying`,
  strategy: Prisma.sql`coalesce(c.strategy, ${unknown})`,
  expiration: Prisma.sql`i.expiration_date::text`,
  month: null,
};
const COUNTED_FILL_KEYS: Record<BreakdownGrouping, Prisma.Sql | null> = {
  underlying: Prisma.sql`f.underlying`,
  strategy: null,
  expiration: Prisma.sql`f.expiration_date::text`,
  month: Prisma.sql`to_char(f.trade_date, 'YYYY-MM')`,
};

function need(key: Prisma.Sql | null, metric: MoneyMetric, grouping: BreakdownGrouping): Prisma.Sql {
  if (key === null) throw new Error(`${metric} cannot be grouped by ${grouping}`);
  return key;
}

/**
 * The components of a money metric summed per group by PostgreSQL `numeric` (exact), with how many
 * components each group holds. Realized: closed lots by close date; unrealized: open positions with a
 * mark (no date range: it is "now"); fees and cash
 * flows: the fills P&L counts (`counted-fills.ts`), as the dashboard does.
 */
export async function moneyGroups(
  tx: UserTransaction,
  options: { userId: string; metric: MoneyMetric; grouping: BreakdownGrouping; range: DateRange },
): Promise<MoneyGroup[]> {
  const { userId, metric, grouping, range } = options;
  let rows: GroupRow[];
  if (metric === "realized") {
    rows = await tx.$queryRaw<GroupRow[]>`
      SELECT ${LOT_KEYS[grouping]} AS key, trim_scale(sum(l.realized_pnl))::text AS value, count(*)::int AS count
      FROM matched_lots l
      JOIN option_instruments i ON i.id = l.instrument_id
      LEFT JOIN roll_chains c ON c.id = l.chain_id
      WHERE l.user_id = ${userId}::uuid AND ${dateWithin(Prisma.sql`l.close_trade_date`, range)}
      GROUP BY 1`;
  } else if (metric === "unrealized") {
    rows = await tx.$queryRaw<GroupRow[]>`
      SELECT ${need(POSITION_KEYS[grouping], metric, grouping)} AS key,
             trim_scale(sum(p.unrealized_pnl))::text AS value, count(*)::int AS count
      FROM open_positions p
      JOIN option_instruments i ON i.id = p.instrument_id
      LEFT JOIN roll_chains c ON c.id = p.chain_id
      WHERE p.user_id = ${userId}::uuid AND p.unrealized_pnl IS NOT NULL
      GROUP BY 1`;
  } else {
    // Fees and cash flows sum one column each of the same counted fills.
    const summed = metric === "fees" ? Prisma.sql`f.fees` : Prisma.sql`f.cash`;
    rows = await tx.$queryRaw<GroupRow[]>`
      WITH ${countedFillsCte(userId)}
      SELECT ${need(COUNTED_FILL_KEYS[grouping], metric, grouping)} AS key,
             trim_scale(sum(${summed}))::text AS value, count(*)::int AS count
      FROM counted_fills f
      WHERE ${dateWithin(Prisma.sql`f.trade_date`, range)}
      GROUP BY 1`;
  }
  return rows.map((row) => ({ key: row.key, value: parseDecimal(row.value), count: row.count }));
}
