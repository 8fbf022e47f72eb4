import "server-only";
import { insertRows } from "@/lib/server/db/insert-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { type MarketDataSource, STOCK_MARK_TABLE } from "@/lib/server/marks/market-data-source";
import type { SnapshotStockMark } from "./robinhood-snapshot";

/**
 * Stores stock quotes as marks in the table of their source (a demo user's quotes are simulated and
 * never reach a real user). Public data keyed by (symbol, as_of): a quote another user's sync already
 * stored at the same instant is left as it is. Returns how many were new.
 */
export async function writeStockMarks(
  tx: UserTransaction,
  marks: SnapshotStockMark[],
  source: MarketDataSource,
): Promise<number> {
  return insertRows(
    tx,
    STOCK_MARK_TABLE[source],
    marks.map((mark) => ({ symbol: mark.symbol, asOf: mark.asOf, markPrice: mark.markPrice })),
    { symbol: "text", asOf: "timestamptz", markPrice: "numeric" },
    { onConflictDoNothing: true },
  );
}
