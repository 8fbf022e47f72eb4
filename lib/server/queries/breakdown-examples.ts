import "server-only";
import {
  type DateRange,
  explainFillCash,
  explainLotRealized,
  explainOrderFees,
  explainPositionUnrealized,
  type WorkedExample,
} from "@/lib/analytics/explain";
import { Prisma } from "@/lib/generated/prisma/client";
import { parseDecimal } from "@/lib/money";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { countedFillsCte } from "./counted-fills";
import { dateWithin } from "./date-range-sql";
import type { ContractView } from "./decimal-text";

/** What a worked example is about: the contract, a sentence, and where to see it in full. */
export type ExampleSubject = {
  contract: ContractView | null;
  description: string;
  href: string | null;
};

export type MoneyExample = WorkedExample & { subject: ExampleSubject };

type ContractColumns = {
  underlying: string;
  expiration: string;
  strike: string;
  option_type: "CALL" | "PUT";
  multiplier: string;
};

const contractOf = (row: ContractColumns): ContractView => ({
  underlying: row.underlying,
  expiration: row.expiration,
  strike: row.strike,
  optionType: row.option_type,
  multiplier: row.multiplier,
});

const CLOSED_BY: Record<string, string> = {
  TRADE: "bought or sold back",
  EXPIRATION: "expired",
  EXPIRATION_INFERRED: "expired (inferred: no event)",
  ASSIGNMENT: "assigned",
  EXERCISE: "exercised",
};

const chainHref = (chainId: string | null) => (chainId ? `/chains/${chainId}` : null);

/** The closed lot with the largest result in the range: the one that moved the figure most. */
export async function realizedExample(
  tx: UserTransaction,
  userId: string,
  range: DateRange,
): Promise<MoneyExample | null> {
  const [row] = await tx.$queryRaw<
    (ContractColumns & {
      side: "LONG" | "SHORT";
      quantity: string;
      open_price: string;
      close_price: string;
      fees: string;
      realized: string;
      close_kind: string;
      opened_on: string;
      closed_on: string;
      chain_id: string | null;
    })[]
  >`
    SELECT l.side::text AS side, trim_scale(l.quantity)::text AS quantity,
           trim_scale(l.open_price)::text AS open_price, trim_scale(l.close_price)::text AS close_price,
           trim_scale(l.fees)::text AS fees, trim_scale(l.realized_pnl)::text AS realized,
           l.close_kind::text AS close_kind, (l.opened_at AT TIME ZONE 'UTC')::date::text AS opened_on,
           l.close_trade_date::text AS closed_on, l.chain_id::text AS chain_id,
           i.underlying, i.expiration_date::text AS expiration, trim_scale(i.strike_price)::text AS strike,
           i.option_type::text AS option_type, trim_scale(i.multiplier)::text AS multiplier
    FROM matched_lots l JOIN option_instruments i ON i.id = l.instrument_id
    WHERE l.user_id = ${userId}::uuid
      AND ${dateWithin(Prisma.sql`l.close_trade_date`, range)}
    ORDER BY abs(l.realized_pnl) DESC, l.close_trade_date DESC, l.id
    LIMIT 1`;
  if (!row) return null;
  const side = row.side === "SHORT" ? "short" : "long";
  const example = explainLotRealized(
    {
      side,
      quantity: parseDecimal(row.quantity),
      openPrice: parseDecimal(row.open_price),
      closePrice: parseDecimal(row.close_price),
      multiplier: parseDecimal(row.multiplier),
      fees: parseDecimal(row.fees),
    },
    parseDecimal(row.realized),
  );
  return {
    ...example,
    subject: {
      contract: contractOf(row),
      description: `${row.quantity} ${side}, opened ${row.opened_on}, ${CLOSED_BY[row.close_kind] ?? row.close_kind} ${row.closed_on}`,
      href: chainHref(row.chain_id),
    },
  };
}

/** The open position with the largest unrealized P&L (either sign). */
export async function unrealizedExample(tx: UserTransaction, userId: string): Promise<MoneyExample | null> {
  const [row] = await tx.$queryRaw<
    (ContractColumns & {
      quantity: string;
      mark: string;
      open_cash: string;
      unrealized: string;
      chain_id: string | null;
    })[]
  >`
    SELECT trim_scale(p.quantity)::text AS quantity, trim_scale(p.mark_price)::text AS mark,
           trim_scale(p.cost_basis)::text AS open_cash, trim_scale(p.unrealized_pnl)::text AS unrealized,
           p.chain_id::text AS chain_id,
           i.underlying, i.expiration_date::text AS expiration, trim_scale(i.strike_price)::text AS strike,
           i.option_type::text AS option_type, trim_scale(i.multiplier)::text AS multiplier
    FROM open_positions p JOIN option_instruments i ON i.id = p.instrument_id
    WHERE p.user_id = ${userId}::uuid AND p.unrealized_pnl IS NOT NULL AND p.mark_price IS NOT NULL
    ORDER BY abs(p.unrealized_pnl) DESC, p.id
    LIMIT 1`;
  if (!row) return null;
  const example = explainPositionUnrealized(
    {
      quantity: parseDecimal(row.quantity),
      mark: parseDecimal(row.mark),
      multiplier: parseDecimal(row.multiplier),
      openCash: parseDecimal(row.open_cash),
    },
    parseDecimal(row.unrealized),
  );
  const short = row.quantity.startsWith("-");
  return {
    ...example,
    subject: {
      contract: contractOf(row),
      description: `${short ? row.quantity.slice(1) : row.quantity} ${short ? "short" : "long"}, marked at ${row.mark}`,
      href: chainHref(row.chain_id),
    },
  };
}

/** The fill whose cash was largest, among the fills P&L counts. */
export async function cashFlowExample(
  tx: UserTransaction,
  userId: string,
  range: DateRange,
): Promise<MoneyExample | null> {
  const [row] = await tx.$queryRaw<
    (ContractColumns & {
      side: "BUY" | "SELL";
      quantity: string;
      price: string;
      fees: string;
      cash: string;
      trade_date: string;
    })[]
  >`
    WITH ${countedFillsCte(userId)}
    SELECT f.side::text AS side, trim_scale(f.quantity)::text AS quantity, trim_scale(f.price)::text AS price,
           trim_scale(f.fees)::text AS fees, trim_scale(f.cash)::text AS cash, f.trade_date::text AS trade_date,
           f.underlying, f.expiration_date::text AS expiration, trim_scale(f.strike_price)::text AS strike,
           f.option_type::text AS option_type, trim_scale(f.multiplier)::text AS multiplier
    FROM counted_fills f
    WHERE ${dateWithin(Prisma.sql`f.trade_date`, range)}
    ORDER BY abs(f.cash) DESC, f.trade_date DESC, f.id
    LIMIT 1`;
  if (!row) return null;
  const side = row.side === "SELL" ? "sell" : "buy";
  const example = explainFillCash(
    {
      side,
      quantity: parseDecimal(row.quantity),
      price: parseDecimal(row.price),
      multiplier: parseDecimal(row.multiplier),
      fees: parseDecimal(row.fees),
    },
    parseDecimal(row.cash),
  );
  return {
    ...example,
    subject: {
      contract: contractOf(row),
      description: `${side === "sell" ? "sold" : "bought"} ${row.quantity} at ${row.price} on ${row.trade_date}`,
      href: null,
    },
  };
}

/** The order that paid the most fees in the range, its fills' fees added up. */
export async function feesExample(
  tx: UserTransaction,
  userId: string,
  range: DateRange,
): Promise<MoneyExample | null> {
  const fills = await tx.$queryRaw<(ContractColumns & { fees: string; total: string; trade_date: string })[]>`
    WITH chosen AS (
      SELECT l.order_id, sum(e.fees) AS total
      FROM option_executions e JOIN option_legs l ON l.id = e.leg_id
      WHERE e.user_id = ${userId}::uuid
        AND ${dateWithin(Prisma.sql`e.trade_date`, range)}
      GROUP BY l.order_id
      ORDER BY sum(e.fees) DESC, max(e.trade_date) DESC, l.order_id
      LIMIT 1
    )
    SELECT trim_scale(e.fees)::text AS fees, trim_scale(c.total)::text AS total, e.trade_date::text AS trade_date,
           i.underlying, i.expiration_date::text AS expiration, trim_scale(i.strike_price)::text AS strike,
           i.option_type::text AS option_type, trim_scale(i.multiplier)::text AS multiplier
    FROM chosen c
    JOIN option_legs l ON l.order_id = c.order_id
    JOIN option_executions e ON e.leg_id = l.id
    JOIN option_instruments i ON i.id = l.instrument_id
    WHERE ${dateWithin(Prisma.sql`e.trade_date`, range)}
    ORDER BY e.executed_at, e.id`;
  const first = fills[0];
  if (!first) return null;
  const example = explainOrderFees(
    fills.map((fill) => parseDecimal(fill.fees)),
    parseDecimal(first.total),
  );
  return {
    ...example,
    subject: {
      contract: contractOf(first),
      description: `one order of ${fills.length} ${fills.length === 1 ? "fill" : "fills"}, traded ${first.trade_date}`,
      href: null,
    },
  };
}
