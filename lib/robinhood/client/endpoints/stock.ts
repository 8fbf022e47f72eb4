import {
  type StockInstrument,
  type StockPosition,
  stockInstrumentSchema,
  stockPositionSchema,
} from "../../schemas/stock";
import type { AuthorizedRequester } from "../authorized-requester";
import { batches, collect, paginate } from "../pagination";
import { type BatchOptions, inRequestOrder } from "./shared";

/** `GET /instruments/?ids=…`: symbol and name of the equity instruments named in option events. */
export async function getStockInstruments(
  api: AuthorizedRequester,
  ids: readonly string[],
  options: BatchOptions = {},
): Promise<StockInstrument[]> {
  const found = new Map<string, StockInstrument>();
  for (const batch of batches(ids, options.batchSize ?? 50)) {
    const items = await collect(
      paginate(api, stockInstrumentSchema, {
        path: "/instruments/",
        query: { ids: batch.join(",") },
        signal: options.signal,
      }),
    );
    for (const item of items) found.set(item.id, item);
  }
  return inRequestOrder(ids, found);
}

/** `GET /instruments/{id}/`: the equity instrument an order's `instrument` link names. */
export function getStockInstrument(
  api: AuthorizedRequester,
  id: string,
  signal?: AbortSignal,
): Promise<StockInstrument> {
  return api.get(stockInstrumentSchema, { path: `/instruments/${encodeURIComponent(id)}/`, signal });
}

export interface ListStockPositionsOptions {
  accountNumber?: string;
  nonzero?: boolean;
  signal?: AbortSignal;
}

/** `GET /positions/`: shares, including those held as covered-call collateral or pending from events. */
export function listStockPositions(
  api: AuthorizedRequester,
  options: ListStockPositionsOptions = {},
): Promise<StockPosition[]> {
  return collect(
    paginate(api, stockPositionSchema, {
      path: "/positions/",
      query: {
        account_number: options.accountNumber,
        nonzero: options.nonzero === false ? undefined : "true",
      },
      signal: options.signal,
    }),
  );
}
