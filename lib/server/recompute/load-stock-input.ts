import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PnlStockTrade } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { type MarketDataSource, STOCK_MARK_TABLE } from "@/lib/server/marks/market-data-source";

export type StockTradeRow = {
  broker_trade_id: string;
  account_id: string;
  broker_order_id: string | null;
  source: string;
  symbol: string;
  side: string;
  quantity: string;
  price: string;
  fees: string;
  executed_at: Date | null;
  trade_date: string;
  created_at: Date;
};

/**
 * A user's equity fills (kind TRADE: equity orders and imported Buy/Sell rows) in time order. Stock
 * delivered by assignments and exercises (kind DELIVERY) is left out: the engine derives it from the
 * events, so every share is counted once. Decimals come as exact text.
 */
export function loadStockTradeRows(
  tx: UserTransaction,
  userId: string,
  /** Only these symbols; every symbol when absent. */
  symbols?: readonly string[],
): Promise<StockTradeRow[]> {
  return tx.$queryRaw<StockTradeRow[]>`
    SELECT broker_trade_id, account_id::text, broker_order_id, source::text, symbol, side::text,
           trim_scale(quantity)::text AS quantity, trim_scale(price)::text AS price,
           trim_scale(fees)::text AS fees, executed_at, trade_date::text AS trade_date, created_at
    FROM stock_trades WHERE user_id = ${userId}::uuid AND kind = 'TRADE'
    ${symbols ? Prisma.sql`AND symbol = ANY(${[...symbols]}::text[])` : Prisma.empty}
    ORDER BY executed_at, broker_trade_id`;
}

export function toPnlStockTrade(row: StockTradeRow): PnlStockTrade {
  return {
    id: row.broker_trade_id,
    accountId: row.account_id,
    orderId: row.broker_order_id,
    symbol: row.symbol,
    side: row.side === "BUY" ? "buy" : "sell",
    quantity: row.quantity,
    price: row.price,
    fees: row.fees,
    // Every writer stores the instant; a row without one (written by hand) counts at its trade
    // date's close, 21:00 UTC, as date-only sources do.
    executedAt: (row.executed_at ?? new Date(`${row.trade_date}T21:00:00.000Z`)).toISOString(),
    tradeDate: row.trade_date,
  };
}

/** The latest stored quote of each symbol (`stock_marks`), by symbol. */
export async function loadStockMarks(
  tx: UserTransaction,
  symbols: readonly string[],
  source: MarketDataSource,
): Promise<Record<string, string>> {
  if (symbols.length === 0) return {};
  // The table name is one of two constants, never input.
  const rows = await tx.$queryRaw<{ symbol: string; mark_price: string }[]>`
    SELECT DISTINCT ON (symbol) symbol, trim_scale(mark_price)::text AS mark_price
    FROM ${Prisma.raw(STOCK_MARK_TABLE[source])} WHERE symbol = ANY(${[...symbols]}::text[])
    ORDER BY symbol, as_of DESC`;
  const marks: Record<string, string> = {};
  for (const row of rows) marks[row.symbol] = row.mark_price;
  return marks;
}
