import "server-only";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";

/** An option book (account × contract) or a stock book (account × symbol) that a write touched. */
export type TouchedBook =
  | { accountId: string; instrumentId: string; symbol?: undefined }
  | { accountId: string; symbol: string; instrumentId?: undefined };

/**
 * Records the books a sync or an import wrote, in the same transaction as the raw rows, so the next
 * recompute replays only their underlyings (`planRecompute`). A book recorded twice is kept once;
 * recording more books than changed only makes the next recompute replay more, never less exact.
 * One statement whatever the number of books.
 */
export async function recordTouchedBooks(
  tx: SqlRunner,
  user: ScopedUser,
  books: Iterable<TouchedBook>,
): Promise<void> {
  const options = new Map<string, { accountId: string; instrumentId: string }>();
  const stocks = new Map<string, { accountId: string; symbol: string }>();
  for (const book of books) {
    if (book.instrumentId !== undefined) options.set(`${book.accountId}|${book.instrumentId}`, book);
    else stocks.set(`${book.accountId}|${book.symbol}`, book);
  }
  if (options.size === 0 && stocks.size === 0) return;
  await tx.$executeRawUnsafe(
    `INSERT INTO recompute_touched_books (user_id, account_id, book, underlying)
     SELECT $1::uuid, b.account_id, 'option:' || b.instrument_id::text, i.underlying
       FROM unnest($2::uuid[], $3::uuid[]) AS b(account_id, instrument_id)
       JOIN option_instruments i ON i.id = b.instrument_id
     UNION
     SELECT $1::uuid, s.account_id, 'stock:' || s.symbol, s.symbol
       FROM unnest($4::uuid[], $5::text[]) AS s(account_id, symbol)
     ON CONFLICT DO NOTHING`,
    user.id,
    [...options.values()].map((book) => book.accountId),
    [...options.values()].map((book) => book.instrumentId),
    [...stocks.values()].map((book) => book.accountId),
    [...stocks.values()].map((book) => book.symbol),
  );
}
