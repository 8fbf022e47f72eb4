import "server-only";
import type { RobinhoodSession } from "@/lib/robinhood/client";
import type { SnapshotStockMark } from "./robinhood-snapshot";

/**
 * Latest quotes (`GET /marketdata/quotes/?symbols=`, batched by the client) of the given symbols: the
 * `last_trade_price`, timestamped by the quote's `updated_at`, becomes the symbol's stock mark.
 * Symbols Robinhood does not know come back as null slots and get no mark.
 */
export async function fetchStockMarks(
  session: RobinhoodSession,
  symbols: readonly string[],
): Promise<SnapshotStockMark[]> {
  if (symbols.length === 0) return [];
  const quotes = await session.getStockQuotesBySymbol([...new Set(symbols)].sort());
  return quotes.map((quote) => ({
    symbol: quote.symbol.toUpperCase(),
    asOf: new Date(quote.updated_at),
    markPrice: quote.last_trade_price,
  }));
}
