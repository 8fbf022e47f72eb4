import type { RobinhoodAccount, RobinhoodUser } from "../schemas/identity";
import type { OptionEvent } from "../schemas/option-events";
import type { OptionChain, OptionInstrument } from "../schemas/option-instruments";
import type { OptionMarketData } from "../schemas/option-market-data";
import type { OptionOrder } from "../schemas/option-orders";
import type { OptionAggregatePosition, OptionPosition } from "../schemas/option-positions";
import type { StockInstrument, StockOrder, StockPosition, StockQuote } from "../schemas/stock";
import { type AuthorizedRequesterOptions, createAuthorizedRequester } from "./authorized-requester";
import type { ClientContext } from "./context";
import { getUser, listAccounts } from "./endpoints/identity";
import { getOptionMarketData, getStockQuotes, getStockQuotesBySymbol } from "./endpoints/market-data";
import { type ListOptionEventsOptions, listOptionEvents } from "./endpoints/option-events";
import { getOptionChains, getOptionInstruments } from "./endpoints/option-instruments";
import {
  getOptionOrder,
  type ListOptionOrdersOptions,
  listOptionOrders,
  optionOrderPages,
} from "./endpoints/option-orders";
import {
  type ListOptionPositionsOptions,
  listOptionAggregatePositions,
  listOptionPositions,
} from "./endpoints/option-positions";
import type { BatchOptions } from "./endpoints/shared";
import {
  getStockInstrument,
  getStockInstruments,
  type ListStockPositionsOptions,
  listStockPositions,
} from "./endpoints/stock";
import {
  getStockOrder,
  type ListStockOrdersOptions,
  listStockOrders,
  stockOrderPages,
} from "./endpoints/stock-orders";
import { type RobinhoodTokens, revokeToken } from "./tokens";

/** The signed-in half of the client: every data call Rollbook's sync needs. */
export interface RobinhoodSession {
  /** The tokens in use now (they change after a transparent refresh). */
  tokens(): RobinhoodTokens;
  getUser(options?: { signal?: AbortSignal }): Promise<RobinhoodUser>;
  listAccounts(options?: { signal?: AbortSignal }): Promise<RobinhoodAccount[]>;
  listOptionOrders(options?: ListOptionOrdersOptions): Promise<OptionOrder[]>;
  /** The same orders one page at a time, for syncs that write as they go. */
  optionOrderPages(options?: ListOptionOrdersOptions): AsyncGenerator<OptionOrder[], void, undefined>;
  getOptionOrder(id: string, options?: { signal?: AbortSignal }): Promise<OptionOrder>;
  listOptionPositions(options?: ListOptionPositionsOptions): Promise<OptionPosition[]>;
  listOptionAggregatePositions(options?: ListOptionPositionsOptions): Promise<OptionAggregatePosition[]>;
  getOptionInstruments(ids: readonly string[], options?: BatchOptions): Promise<OptionInstrument[]>;
  getOptionChains(ids: readonly string[], options?: BatchOptions): Promise<OptionChain[]>;
  getOptionMarketData(ids: readonly string[], options?: BatchOptions): Promise<OptionMarketData[]>;
  listOptionEvents(options?: ListOptionEventsOptions): Promise<OptionEvent[]>;
  getStockInstruments(ids: readonly string[], options?: BatchOptions): Promise<StockInstrument[]>;
  getStockInstrument(id: string, options?: { signal?: AbortSignal }): Promise<StockInstrument>;
  /** Equity orders (`/orders/`) with their fills, incrementally by `updatedSince`. */
  listStockOrders(options?: ListStockOrdersOptions): Promise<StockOrder[]>;
  stockOrderPages(options?: ListStockOrdersOptions): AsyncGenerator<StockOrder[], void, undefined>;
  getStockOrder(id: string, options?: { signal?: AbortSignal }): Promise<StockOrder>;
  listStockPositions(options?: ListStockPositionsOptions): Promise<StockPosition[]>;
  getStockQuotes(instrumentIds: readonly string[], options?: BatchOptions): Promise<StockQuote[]>;
  getStockQuotesBySymbol(symbols: readonly string[], options?: BatchOptions): Promise<StockQuote[]>;
  /** Revokes the refresh token (and with it the session) on Robinhood's side. */
  revoke(options?: { signal?: AbortSignal }): Promise<void>;
}

export type SessionOptions = Omit<AuthorizedRequesterOptions, "tokens">;

export function createSession(
  ctx: ClientContext,
  tokens: RobinhoodTokens,
  options: SessionOptions = {},
): RobinhoodSession {
  const api = createAuthorizedRequester(ctx, { ...options, tokens });
  return {
    tokens: () => api.tokens(),
    getUser: (o) => getUser(api, o?.signal),
    listAccounts: (o) => listAccounts(api, o?.signal),
    listOptionOrders: (o) => listOptionOrders(api, o),
    optionOrderPages: (o) => optionOrderPages(api, o),
    getOptionOrder: (id, o) => getOptionOrder(api, id, o?.signal),
    listOptionPositions: (o) => listOptionPositions(api, o),
    listOptionAggregatePositions: (o) => listOptionAggregatePositions(api, o),
    getOptionInstruments: (ids, o) => getOptionInstruments(api, ids, o),
    getOptionChains: (ids, o) => getOptionChains(api, ids, o),
    getOptionMarketData: (ids, o) => getOptionMarketData(api, ids, o),
    listOptionEvents: (o) => listOptionEvents(api, o),
    getStockInstruments: (ids, o) => getStockInstruments(api, ids, o),
    getStockInstrument: (id, o) => getStockInstrument(api, id, o?.signal),
    listStockOrders: (o) => listStockOrders(api, o),
    stockOrderPages: (o) => stockOrderPages(api, o),
    getStockOrder: (id, o) => getStockOrder(api, id, o?.signal),
    listStockPositions: (o) => listStockPositions(api, o),
    getStockQuotes: (ids, o) => getStockQuotes(api, ids, o),
    getStockQuotesBySymbol: (symbols, o) => getStockQuotesBySymbol(api, symbols, o),
    revoke: (o) => revokeToken(ctx, { refreshToken: api.tokens().refreshToken, signal: o?.signal }),
  };
}
