import { type StockOrder, stockOrderSchema } from "../../schemas/stock";
import type { AuthorizedRequester } from "../authorized-requester";
import { collect, paginate } from "../pagination";
import { commaList, isoParam } from "./shared";

export interface ListStockOrdersOptions {
  accountNumber?: string;
  /** Incremental sync watermark: only orders updated at or after this time (`updated_at[gte]`). */
  updatedSince?: Date | string;
  updatedUntil?: Date | string;
  states?: readonly string[];
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * `GET /orders/` (equity orders, §4) one page at a time, newest first, following `next` cursors. The
 * parameters are robin_stocks' (`account_numbers`, `updated_at[gte]` for its `start_date`).
 */
export function stockOrderPages(
  api: AuthorizedRequester,
  options: ListStockOrdersOptions = {},
): AsyncGenerator<StockOrder[], void, undefined> {
  return paginate(api, stockOrderSchema, {
    path: "/orders/",
    query: {
      account_numbers: options.accountNumber,
      "updated_at[gte]": isoParam(options.updatedSince),
      "updated_at[lte]": isoParam(options.updatedUntil),
      states: commaList(options.states),
      page_size: options.pageSize === undefined ? undefined : String(options.pageSize),
    },
    signal: options.signal,
  });
}

export function listStockOrders(
  api: AuthorizedRequester,
  options: ListStockOrdersOptions = {},
): Promise<StockOrder[]> {
  return collect(stockOrderPages(api, options));
}

export function getStockOrder(
  api: AuthorizedRequester,
  id: string,
  signal?: AbortSignal,
): Promise<StockOrder> {
  return api.get(stockOrderSchema, { path: `/orders/${encodeURIComponent(id)}/`, signal });
}
