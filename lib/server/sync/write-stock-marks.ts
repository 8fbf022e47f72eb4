import "server-only";
import { insertRows } from "@/lib/server/db/insert-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { SnapshotStockMark } from "./robinhood-snapshot";

/**
 * Stores stock quotes as marks. Public data keyed by (symbol, as_of): a quote another user's sync
 * already stored at the same instant is left as it is. Returns how many were new.
 */
export async function writeStockMarks(tx: UserTransaction, marks: SnapshotStockMark[]): Promise<number> {
  return insertRows(
    tx,
    "stock_marks",
    marks.map((mark) => ({ symbol: mark.symbol, asOf: mark.asOf, markPrice: mark.markPrice })),
    { symbol: "text", asOf: "timestamptz", markPrice: "numeric" },
    { onConflictDoNothing: true },
  );
}
