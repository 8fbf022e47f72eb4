import {
  type OptionAggregatePosition,
  type OptionPosition,
  optionAggregatePositionSchema,
  optionPositionSchema,
} from "../../schemas/option-positions";
import type { AuthorizedRequester } from "../authorized-requester";
import { collect, paginate } from "../pagination";
import { commaList } from "./shared";

export interface ListOptionPositionsOptions {
  accountNumber?: string;
  /** Closed rows stay forever with quantity 0; by default only open ones are fetched. */
  nonzero?: boolean;
  chainIds?: readonly string[];
  signal?: AbortSignal;
}

function positionQuery(options: ListOptionPositionsOptions) {
  return {
    account_numbers: options.accountNumber,
    nonzero: options.nonzero === false ? undefined : "true",
    chain_ids: commaList(options.chainIds),
  };
}

/** `GET /options/positions/`: one row per contract and side. */
export function listOptionPositions(
  api: AuthorizedRequester,
  options: ListOptionPositionsOptions = {},
): Promise<OptionPosition[]> {
  return collect(
    paginate(api, optionPositionSchema, {
      path: "/options/positions/",
      query: positionQuery(options),
      signal: options.signal,
    }),
  );
}

/** `GET /options/aggregate_positions/`: positions grouped by strategy. */
export function listOptionAggregatePositions(
  api: AuthorizedRequester,
  options: ListOptionPositionsOptions = {},
): Promise<OptionAggregatePosition[]> {
  return collect(
    paginate(api, optionAggregatePositionSchema, {
      path: "/options/aggregate_positions/",
      query: positionQuery(options),
      signal: options.signal,
    }),
  );
}
