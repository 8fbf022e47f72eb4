import "server-only";
import type { PnlStockTrade } from "@/lib/pnl";

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
  /** Epoch milliseconds. */
  executed_at: number | null;
  trade_date: string;
  /** Epoch milliseconds. */
  created_at: number;
};

/** An equity fill (kind TRADE: equity orders and imported Buy/Sell rows) as an engine stock trade. */
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
    executedAt:
      row.executed_at === null ? `${row.trade_date}T21:00:00.000Z` : new Date(row.executed_at).toISOString(),
    tradeDate: row.trade_date,
  };
}
