import { type OptionEvent, optionEventSchema } from "../../schemas/option-events";
import type { AuthorizedRequester } from "../authorized-requester";
import { collect, paginate } from "../pagination";
import { commaList } from "./shared";

export interface ListOptionEventsOptions {
  /** Presumed to filter like the orders endpoint (§8.10); results are re-checked by the caller. */
  accountNumber?: string;
  chainIds?: readonly string[];
  /** e.g. `["preparing"]` for events not yet settled. */
  states?: readonly string[];
  equityInstrumentId?: string;
  pageSize?: number;
  signal?: AbortSignal;
}

/** `GET /options/events/`: expirations, assignments and exercises, with their stock side. */
export function listOptionEvents(
  api: AuthorizedRequester,
  options: ListOptionEventsOptions = {},
): Promise<OptionEvent[]> {
  return collect(
    paginate(api, optionEventSchema, {
      path: "/options/events/",
      query: {
        account_numbers: options.accountNumber,
        chain_ids: commaList(options.chainIds),
        states: commaList(options.states),
        equity_instrument_id: options.equityInstrumentId,
        page_size: options.pageSize === undefined ? undefined : String(options.pageSize),
      },
      signal: options.signal,
    }),
  );
}
