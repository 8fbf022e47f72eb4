import type { Dataset, Listed } from "./dataset";
import { detail, json, NOT_FOUND, type SimRequest, type SimResponse } from "./http-types";
import { page } from "./pagination";

type Filter = (item: Listed) => boolean;

/** `a,b,c` → set; robin_stocks and the web app both send comma lists (URL-encoded or not). */
function list(query: URLSearchParams, name: string): Set<string> | undefined {
  const value = query.get(name);
  if (value === null || value === "") return undefined;
  return new Set(
    value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean),
  );
}

function byField(query: URLSearchParams, param: string, fieldName = param): Filter | undefined {
  const values = list(query, param);
  return values ? (item) => values.has(item.fields[fieldName] ?? "") : undefined;
}

function nonzero(query: URLSearchParams): Filter | undefined {
  const value = query.get("nonzero")?.toLowerCase();
  return value === "true" ? (item) => item.fields.nonzero === "true" : undefined;
}

/** `updated_at[gte]` accepts a date or a datetime; both compare as instants (§8.8). */
function updatedBound(
  query: URLSearchParams,
  param: string,
  compare: (a: number, b: number) => boolean,
): Filter | undefined | "invalid" {
  const value = query.get(param);
  if (!value) return undefined;
  const bound = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(bound)) return "invalid";
  return (item) => compare(Date.parse(item.fields.updated_at ?? ""), bound);
}

function apply(items: readonly Listed[], filters: (Filter | undefined)[]): Listed[] {
  const active = filters.filter((f): f is Filter => f !== undefined);
  return items.filter((item) => active.every((f) => f(item)));
}

function batch(query: URLSearchParams, lookup: (id: string) => Record<string, unknown> | null): SimResponse {
  const ids = query.get("ids");
  if (!ids) return json(400, { ids: ["This field is required."] });
  return json(200, { results: ids.split(",").map((id) => lookup(id.trim())) });
}

/**
 * `/marketdata/quotes/` takes `symbols=` (tickers), `instruments=` (full instrument URLs; a bare id is a
 * 400, as for option market data) or `ids=`. Results keep the request's order, `null` for a miss.
 */
function quotes(data: Dataset, query: URLSearchParams): SimResponse {
  const split = (value: string) =>
    value
      .split(",")
      .map((part) => part.trim())
      .filter(Boolean);
  const symbols = query.get("symbols");
  if (symbols) {
    return json(200, {
      results: split(symbols).map((symbol) => {
        const id = data.instrumentIdOf(symbol);
        return id ? data.quote(id) : null;
      }),
    });
  }
  const instruments = query.get("instruments");
  if (instruments) {
    const ids: string[] = [];
    for (const link of split(instruments)) {
      const id = /\/instruments\/([^/]+)\/$/.exec(safePath(link))?.[1];
      if (!id) return json(400, { instruments: ["Invalid instrument url(s)."] });
      ids.push(id);
    }
    return json(200, { results: ids.map((id) => data.quote(id)) });
  }
  if (query.get("ids")) return batch(query, (id) => data.quote(id));
  return json(400, { symbols: ["This field is required."] });
}

function safePath(link: string): string {
  try {
    return new URL(link).pathname;
  } catch {
    return "";
  }
}

const ONE = (prefix: string) => new RegExp(`^${prefix}([^/]+)/$`);
const ROUTES = {
  stockOrder: ONE("/orders/"),
  account: ONE("/accounts/"),
  order: ONE("/options/orders/"),
  instrument: ONE("/options/instruments/"),
  chain: ONE("/options/chains/"),
  marketData: ONE("/marketdata/options/"),
  stockInstrument: ONE("/instruments/"),
  quote: ONE("/marketdata/quotes/"),
  event: ONE("/options/events/"),
};

function record(value: Record<string, unknown> | null): SimResponse {
  return value ? json(200, value) : NOT_FOUND;
}

function single(items: readonly Listed[], id: string): SimResponse {
  const item = items.find((candidate) => candidate.fields.id === id);
  return item ? json(200, item.json) : NOT_FOUND;
}

/** Every authenticated GET endpoint the client uses (robinhood-api.md §2–§4). */
export function handleDataRoutes(data: Dataset, request: SimRequest, baseUrl: string): SimResponse {
  if (request.method !== "GET") return detail(405, `Method "${request.method}" not allowed.`);
  const { path, query } = request;
  const pageOf = (items: readonly Listed[], defaultPageSize?: number) =>
    page(items, { baseUrl, path, query, defaultPageSize });

  switch (path) {
    case "/user/":
      return json(200, data.user);
    case "/user/id/":
      return json(200, { id: data.user.id, url: `${baseUrl}/user/id/`, username: data.user.username });
    case "/accounts/":
      return pageOf(data.accounts);
    case "/options/orders/": {
      const gte = updatedBound(query, "updated_at[gte]", (a, b) => a >= b);
      const lte = updatedBound(query, "updated_at[lte]", (a, b) => a <= b);
      if (gte === "invalid" || lte === "invalid")
        return json(400, { updated_at: ["Enter a valid date/time."] });
      return pageOf(
        apply(data.orders, [
          byField(query, "account_numbers", "account_number"),
          byField(query, "chain_ids", "chain_id"),
          byField(query, "states", "state"),
          gte,
          lte,
        ]),
      );
    }
    case "/orders/": {
      const gte = updatedBound(query, "updated_at[gte]", (a, b) => a >= b);
      const lte = updatedBound(query, "updated_at[lte]", (a, b) => a <= b);
      if (gte === "invalid" || lte === "invalid")
        return json(400, { updated_at: ["Enter a valid date/time."] });
      return pageOf(
        apply(data.stockOrders, [
          byField(query, "account_numbers", "account_number"),
          byField(query, "states", "state"),
          byField(query, "instrument"),
          gte,
          lte,
        ]),
      );
    }
    case "/options/positions/":
      return pageOf(
        apply(data.optionPositions, [
          nonzero(query),
          byField(query, "account_numbers", "account_number"),
          byField(query, "chain_ids", "chain_id"),
          byField(query, "type"),
        ]),
        100,
      );
    case "/options/aggregate_positions/":
      return pageOf(
        apply(data.aggregatePositions, [
          nonzero(query),
          byField(query, "account_numbers", "account_number"),
          byField(query, "chain_ids", "chain_id"),
        ]),
        100,
      );
    case "/options/events/":
      return pageOf(
        apply(data.events, [
          byField(query, "account_numbers", "account_number"),
          byField(query, "chain_ids", "chain_id"),
          byField(query, "states", "state"),
          byField(query, "equity_instrument_id"),
        ]),
      );
    case "/options/instruments/":
      return pageOf(
        apply(data.instruments, [
          byField(query, "ids", "id"),
          byField(query, "chain_id"),
          byField(query, "chain_symbol"),
          byField(query, "expiration_dates", "expiration_date"),
          byField(query, "state"),
          byField(query, "type"),
          byField(query, "strike_price"),
        ]),
        100,
      );
    case "/options/chains/":
      return pageOf(
        apply(data.chains, [
          byField(query, "ids", "id"),
          byField(query, "equity_instrument_ids", "equity_instrument_id"),
          byField(query, "equity_symbol", "symbol"),
        ]),
        100,
      );
    case "/marketdata/options/":
      return batch(query, (id) => data.marketData(id));
    case "/instruments/":
      return pageOf(
        apply(data.stockInstruments, [byField(query, "ids", "id"), byField(query, "symbol")]),
        100,
      );
    case "/positions/":
      return pageOf(apply(data.stockPositions, [nonzero(query), byField(query, "account_number")]), 100);
    case "/marketdata/quotes/":
      return quotes(data, query);
  }

  const singles: [RegExp, (id: string) => SimResponse][] = [
    [ROUTES.account, (id) => single(data.accounts, id)],
    [ROUTES.stockOrder, (id) => single(data.stockOrders, id)],
    [ROUTES.order, (id) => single(data.orders, id)],
    [ROUTES.instrument, (id) => single(data.instruments, id)],
    [ROUTES.chain, (id) => single(data.chains, id)],
    [ROUTES.event, (id) => single(data.events, id)],
    [ROUTES.stockInstrument, (id) => single(data.stockInstruments, id)],
    [ROUTES.marketData, (id) => record(data.marketData(id))],
    [ROUTES.quote, (id) => record(data.quote(id))],
  ];
  for (const [regex, handler] of singles) {
    const id = regex.exec(path)?.[1];
    if (id) return handler(id);
  }
  return NOT_FOUND;
}
