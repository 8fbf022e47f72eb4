import "server-only";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";

/**
 * An option book (account × contract) or a stock book (account × symbol) that a write touched, with
 * the earliest trading date it wrote there (`YYYY-MM-DD`; `"infinity"` when it wrote no dated row,
 * e.g. an order without fills). Without `fromDay` the date is unknown, and the next recompute replays
 * the book's whole underlying instead of starting at its flat cut.
 */
export type TouchedBook = { accountId: string; fromDay?: string | null } & (
  | { instrumentId: string; symbol?: undefined }
  | { symbol: string; instrumentId?: undefined }
);

type Recorded = { accountId: string; key: string; fromDay: string | null };

/**
 * Records the books a sync or an import wrote, in the same transaction as the raw rows, so the next
 * recompute replays only their underlyings (`planRecompute`), from the underlying's last flat cut
 * when every change lies after it. A book recorded twice is kept once with the earlier date (an
 * unknown date wins); recording more books, or earlier dates, than changed only makes the next
 * recompute replay more, never less exact. One statement whatever the number of books.
 */
export async function recordTouchedBooks(
  tx: SqlRunner,
  user: ScopedUser,
  books: Iterable<TouchedBook>,
): Promise<void> {
  const options = new Map<string, Recorded>();
  const stocks = new Map<string, Recorded>();
  for (const book of books) {
    const [into, key] =
      book.instrumentId !== undefined ? [options, book.instrumentId] : [stocks, book.symbol as string];
    const id = `${book.accountId}|${key}`;
    const fromDay = book.fromDay ?? null;
    const known = into.get(id);
    if (!known) into.set(id, { accountId: book.accountId, key, fromDay });
    else known.fromDay = earlier(known.fromDay, fromDay);
  }
  if (options.size === 0 && stocks.size === 0) return;
  const option = [...options.values()];
  const stock = [...stocks.values()];
  // Each book once per statement (deduplicated above), so ON CONFLICT meets each stored row once.
  await tx.$executeRawUnsafe(
    `INSERT INTO recompute_touched_books (user_id, account_id, book, underlying, from_day)
     SELECT $1::uuid, b.account_id, 'option:' || b.instrument_id::text, i.underlying, b.from_day
       FROM unnest($2::uuid[], $3::uuid[], $4::date[]) AS b(account_id, instrument_id, from_day)
       JOIN option_instruments i ON i.id = b.instrument_id
     UNION ALL
     SELECT $1::uuid, s.account_id, 'stock:' || s.symbol, s.symbol, s.from_day
       FROM unnest($5::uuid[], $6::text[], $7::date[]) AS s(account_id, symbol, from_day)
     ON CONFLICT (user_id, account_id, book) DO UPDATE SET from_day =
       CASE WHEN recompute_touched_books.from_day IS NULL OR EXCLUDED.from_day IS NULL THEN NULL
            ELSE LEAST(recompute_touched_books.from_day, EXCLUDED.from_day) END`,
    user.id,
    option.map((book) => book.accountId),
    option.map((book) => book.key),
    option.map((book) => book.fromDay),
    stock.map((book) => book.accountId),
    stock.map((book) => book.key),
    stock.map((book) => book.fromDay),
  );
}

/** The earlier of two dates, where null (unknown) is earlier than any. */
function earlier(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return null;
  return a < b ? a : b;
}
