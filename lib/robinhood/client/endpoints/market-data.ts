import { type OptionMarketData, optionMarketDataBatchSchema } from "../../schemas/option-market-data";
import { type StockQuote, stockQuoteBatchSchema } from "../../schemas/stock";
import type { AuthorizedRequester } from "../authorized-requester";
import { batches } from "../pagination";
import { type BatchOptions, inRequestOrder } from "./shared";

/**
 * `GET /marketdata/options/?ids=…` (bare ids; `instruments=` would need full URLs, §6). Unknown
 * instruments come back as `null` slots and are left out.
 */
export async function getOptionMarketData(
  api: AuthorizedRequester,
  ids: readonly string[],
  options: BatchOptions = {},
): Promise<OptionMarketData[]> {
  const found = new Map<string, OptionMarketData>();
  for (const batch of batches(ids, options.batchSize ?? 40)) {
    const body = await api.get(optionMarketDataBatchSchema, {
      path: "/marketdata/options/",
      query: { ids: batch.join(",") },
      signal: options.signal,
    });
    for (const item of body.results) if (item) found.set(item.instrument_id, item);
  }
  return inRequestOrder(ids, found);
}

/** `GET /marketdata/quotes/?ids=…` for equity instrument ids (the underlying of an assignment). */
export async function getStockQuotes(
  api: AuthorizedRequester,
  instrumentIds: readonly string[],
  options: BatchOptions = {},
): Promise<StockQuote[]> {
  const out: StockQuote[] = [];
  for (const batch of batches(instrumentIds, options.batchSize ?? 50)) {
    const body = await api.get(stockQuoteBatchSchema, {
      path: "/marketdata/quotes/",
      query: { ids: batch.join(",") },
      signal: options.signal,
    });
    for (const item of body.results) if (item) out.push(item);
  }
  return out;
}

/**
 * `GET /marketdata/quotes/?symbols=…` by ticker (robin_stocks' `get_quotes`). Unknown symbols come
 * back as `null` slots and are left out; the result follows the order of `symbols`.
 */
export async function getStockQuotesBySymbol(
  api: AuthorizedRequester,
  symbols: readonly string[],
  options: BatchOptions = {},
): Promise<StockQuote[]> {
  const found = new Map<string, StockQuote>();
  const wanted = symbols.map((symbol) => symbol.trim().toUpperCase());
  for (const batch of batches(wanted, options.batchSize ?? 50)) {
    const body = await api.get(stockQuoteBatchSchema, {
      path: "/marketdata/quotes/",
      query: { symbols: batch.join(",") },
      signal: options.signal,
    });
    for (const item of body.results) if (item) found.set(item.symbol.toUpperCase(), item);
  }
  return inRequestOrder(wanted, found);
}
