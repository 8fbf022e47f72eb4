import { type OptionOrder, optionOrderSchema } from "../../schemas/option-orders";
import type { AuthorizedRequester } from "../authorized-requester";
import { collect, paginate } from "../pagination";
import { commaList, isoParam } from "./shared";

export interface ListOptionOrdersOptions {
  accountNumber?: string;
  /** Incremental sync watermark: only orders updated at or after this time (`updated_at[gte]`). */
  updatedSince?: Date | string;
  updatedUntil?: Date | string;
  states?: readonly string[];
  chainIds?: readonly string[];
  pageSize?: number;
  signal?: AbortSignal;
}

/** `GET /options/orders/` one page at a time, newest first, following `next` cursors. */
export function optionOrderPages(
  api: AuthorizedRequester,
  options: ListOptionOrdersOptions = {},
): AsyncGenerator<OptionOrder[], void, undefined> {
  return paginate(api, optionOrderSchema, {
    path: "/options/orders/",
    query: {
      account_numbers: options.accountNumber,
      "updated_at[gte]": isoParam(options.updatedSince),
      "updated_at[lte]": isoParam(options.updatedUntil),
      states: commaList(options.states),
      chain_ids: commaList(options.chainIds),
      page_size: options.pageSize === undefined ? undefined : String(options.pageSize),
    },
    signal: options.signal,
  });
}

export function listOptionOrders(
  api: AuthorizedRequester,
  options: ListOptionOrdersOptions = {},
): Promise<OptionOrder[]> {
  return collect(optionOrderPages(api, options));
}

export function getOptionOrder(
  api: AuthorizedRequester,
  id: string,
  signal?: AbortSignal,
): Promise<OptionOrder> {
  return api.get(optionOrderSchema, { path: `/options/orders/${encodeURIComponent(id)}/`, signal });
}
