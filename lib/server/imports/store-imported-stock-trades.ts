import "server-only";
import { formatDecimal, mulRounded, parseDecimal } from "@/lib/money";
import type { PnlStockTrade } from "@/lib/pnl";
import { insertRows } from "@/lib/server/db/insert-rows";
import { RAW_TABLE_COLUMNS } from "@/lib/server/db/raw-table-columns";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";

export type StoreImportedStockTradesOptions = {
  accountId: string;
  importId: string;
  stockTrades: readonly PnlStockTrade[];
};

/**
 * Stores an import's equity trades (activity-report `Buy`/`Sell` rows that are not an option's
 * delivered stock) as stock trades of kind TRADE, under the import, keyed by their row id: a trade an
 * earlier import already stored is skipped, so overlapping files never duplicate one. Returns how many
 * were new. Removing the import removes them (see delete-import.ts).
 */
export async function storeImportedStockTrades(
  tx: SqlRunner,
  user: ScopedUser,
  options: StoreImportedStockTradesOptions,
): Promise<number> {
  if (options.stockTrades.length === 0) return 0;
  const known = await tx.$queryRawUnsafe<{ broker_trade_id: string }[]>(
    "SELECT broker_trade_id FROM stock_trades WHERE user_id = $1::uuid AND broker_trade_id = ANY($2::text[])",
    user.id,
    options.stockTrades.map((trade) => trade.id),
  );
  const stored = new Set(known.map((row) => row.broker_trade_id));
  const fresh = options.stockTrades.filter((trade) => !stored.has(trade.id));
  return insertRows(
    tx,
    "stock_trades",
    fresh.map((trade) => ({
      userId: user.id,
      accountId: options.accountId,
      brokerTradeId: trade.id,
      kind: "TRADE",
      source: "CSV",
      symbol: trade.symbol.toUpperCase(),
      side: trade.side === "buy" ? "BUY" : "SELL",
      quantity: trade.quantity,
      price: trade.price,
      // Descriptive only (the engine prices trades itself): exact for whole shares, rounded once at
      // the sixth place for a fractional one.
      amount: formatDecimal(
        mulRounded(parseDecimal(trade.price), parseDecimal(trade.quantity), "half-even"),
        0,
      ),
      fees: trade.fees,
      executedAt: new Date(trade.executedAt),
      tradeDate: trade.tradeDate,
      importId: options.importId,
    })),
    RAW_TABLE_COLUMNS.stock_trades,
  );
}
