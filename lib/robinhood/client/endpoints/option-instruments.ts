import {
  type OptionChain,
  type OptionInstrument,
  optionChainSchema,
  optionInstrumentSchema,
} from "../../schemas/option-instruments";
import type { AuthorizedRequester } from "../authorized-requester";
import { batches, collect, paginate } from "../pagination";
import { type BatchOptions, inRequestOrder } from "./shared";

/**
 * `GET /options/instruments/?ids=…` in batches. The results are filtered by id again on our side,
 * as robin_stocks does, because the server's filters have not always been exact (§3.4).
 */
export async function getOptionInstruments(
  api: AuthorizedRequester,
  ids: readonly string[],
  options: BatchOptions = {},
): Promise<OptionInstrument[]> {
  const wanted = new Set(ids);
  const found = new Map<string, OptionInstrument>();
  for (const batch of batches(ids, options.batchSize ?? 50)) {
    const items = await collect(
      paginate(api, optionInstrumentSchema, {
        path: "/options/instruments/",
        query: { ids: batch.join(",") },
        signal: options.signal,
      }),
    );
    for (const item of items) if (wanted.has(item.id)) found.set(item.id, item);
  }
  return inRequestOrder(ids, found);
}

/** `GET /options/chains/?ids=…`: the chain holds `trade_value_multiplier`. */
export async function getOptionChains(
  api: AuthorizedRequester,
  ids: readonly string[],
  options: BatchOptions = {},
): Promise<OptionChain[]> {
  const found = new Map<string, OptionChain>();
  for (const batch of batches(ids, options.batchSize ?? 50)) {
    const items = await collect(
      paginate(api, optionChainSchema, {
        path: "/options/chains/",
        query: { ids: batch.join(",") },
        signal: options.signal,
      }),
    );
    for (const item of items) found.set(item.id, item);
  }
  return inRequestOrder(ids, found);
}
