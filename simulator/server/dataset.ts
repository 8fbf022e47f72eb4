import { generateHistory } from "../history/generate-history";
import { deriveOptionPositions, deriveStockPositions } from "../history/positions";
import type { SimContract, SimHistory, SimStockInstrument } from "../history/types";
import { isoMicros } from "../market/timestamps";
import type { SimulatedUser } from "../users";
import { optionEventJson } from "../wire/events";
import { accountJson, userJson } from "../wire/identity";
import { optionChainJson, optionInstrumentJson, stockInstrumentJson } from "../wire/instruments";
import { optionMarketDataJson, stockQuoteJson } from "../wire/market-data";
import { optionOrderJson } from "../wire/orders";
import { aggregatePositionJson, optionPositionJson, stockPositionJson } from "../wire/positions";
import { stockOrderJson } from "../wire/stock-orders";
import { apiUrls } from "../wire/urls";

/** A record in a list endpoint: the JSON plus what filters and the cursor read from it. */
export interface Listed {
  json: Record<string, unknown>;
  /** Keyset of the cursor: `created_at` then id, newest first. */
  sortKey: string;
  fields: Record<string, string>;
}

/** Every payload of one user, serialized once. The server only filters and pages these. */
export interface Dataset {
  history: SimHistory;
  user: Record<string, unknown>;
  accounts: Listed[];
  orders: Listed[];
  /** Equity orders (`/orders/`); never the stock side of an assignment or exercise. */
  stockOrders: Listed[];
  optionPositions: Listed[];
  aggregatePositions: Listed[];
  events: Listed[];
  instruments: Listed[];
  chains: Listed[];
  stockInstruments: Listed[];
  stockPositions: Listed[];
  marketData(contractId: string): Record<string, unknown> | null;
  quote(instrumentId: string): Record<string, unknown> | null;
  /** Equity instrument id of a ticker, for `?symbols=` quotes. */
  instrumentIdOf(symbol: string): string | null;
}

function listed(
  json: Record<string, unknown>,
  createdAt: string,
  id: string,
  fields: Record<string, string> = {},
): Listed {
  return { json, sortKey: `${createdAt}|${id}`, fields: { id, ...fields } };
}

/** Newest first by (created_at, id). */
function newestFirst(items: Listed[]): Listed[] {
  return items.sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
}

export function generateUserHistory(user: SimulatedUser, options: { seed: number; now: string }): SimHistory {
  return generateHistory({
    seed: options.seed,
    userKey: user.username.toLowerCase(),
    now: options.now,
    months: user.months,
    username: user.username,
    firstName: user.firstName,
    lastName: user.lastName,
    startingCashCents: user.startingCashCents,
  });
}

/** Serializes a history for one base URL (payload links are absolute, §5.1). */
export function buildDataset(history: SimHistory, baseUrl: string): Dataset {
  const urls = apiUrls(baseUrl);
  const acct = history.account.accountNumber;
  const optionPositions = deriveOptionPositions(history);
  const stockPositions = deriveStockPositions(history);
  const openAggregates = history.aggregates.filter((a) => a.quantity > 0);
  const collateralCents = openAggregates.reduce((sum, a) => {
    const short = a.legs.find((leg) => leg.positionType === "short");
    const long = a.legs.find((leg) => leg.positionType === "long");
    if (!short || (short.contract.type === "call" && !long)) return sum;
    const width = long
      ? Math.abs(short.contract.strikeCents - long.contract.strikeCents)
      : short.contract.strikeCents;
    return sum + width * 100 * a.quantity;
  }, 0);
  const contractsById = new Map<string, SimContract>(history.contracts.map((c) => [c.id, c]));
  const stockById = new Map<string, SimStockInstrument>(history.stockInstruments.map((s) => [s.id, s]));

  return {
    history,
    user: userJson(history, urls),
    accounts: [
      listed(accountJson(history, urls, collateralCents), isoMicros(history.account.createdAtUs), acct, {
        account_number: acct,
      }),
    ],
    orders: newestFirst(
      history.orders.map((order) =>
        listed(optionOrderJson(order, urls), isoMicros(order.createdAtUs), order.id, {
          account_number: acct,
          chain_id: order.chainId,
          state: order.state,
          updated_at: isoMicros(order.updatedAtUs),
        }),
      ),
    ),
    stockOrders: newestFirst(
      history.stockOrders.map((order) =>
        listed(stockOrderJson(order, urls), isoMicros(order.createdAtUs), order.id, {
          account_number: order.accountNumber,
          state: order.state,
          updated_at: isoMicros(order.updatedAtUs),
          instrument: urls.equityInstrument(order.instrumentId),
          symbol: order.symbol,
        }),
      ),
    ),
    optionPositions: newestFirst(
      optionPositions.map((p) => {
        const json = optionPositionJson(p, history, urls);
        return listed(json, json.created_at, json.id, {
          account_number: acct,
          chain_id: p.contract.chainId,
          type: p.type,
          nonzero: p.quantity > 0 ? "true" : "false",
        });
      }),
    ),
    aggregatePositions: newestFirst(
      history.aggregates.map((a) =>
        listed(aggregatePositionJson(a, urls), isoMicros(a.createdAtUs), a.id, {
          account_number: acct,
          chain_id: a.chainId,
          nonzero: a.quantity > 0 ? "true" : "false",
        }),
      ),
    ),
    events: newestFirst(
      history.events.map((e) =>
        listed(optionEventJson(e, urls), isoMicros(e.createdAtUs), e.id, {
          account_number: acct,
          chain_id: e.contract.chainId,
          state: e.state,
          equity_instrument_id:
            history.stockInstruments.find((s) => s.symbol === e.contract.symbol)?.id ?? "",
        }),
      ),
    ),
    instruments: newestFirst(
      history.contracts.map((c) => {
        const json = optionInstrumentJson(c, urls, history.nowMs);
        return listed(json, json.created_at, c.id, {
          chain_id: c.chainId,
          chain_symbol: c.symbol,
          expiration_date: json.expiration_date,
          state: json.state,
          type: c.type,
          strike_price: json.strike_price,
        });
      }),
    ),
    chains: history.stockInstruments.map((s) =>
      listed(optionChainJson(s, history, urls), "", s.chainId, {
        equity_instrument_id: s.id,
        symbol: s.symbol,
      }),
    ),
    stockInstruments: history.stockInstruments.map((s) =>
      listed(stockInstrumentJson(s, urls), "", s.id, { symbol: s.symbol }),
    ),
    stockPositions: stockPositions.map((p) => {
      const collateral = openAggregates
        .filter((a) => a.symbol === p.symbol && a.strategy === "short_call")
        .reduce((sum, a) => sum + a.quantity * 100, 0);
      const json = stockPositionJson(p, { history, urls, collateralShares: collateral });
      return listed(json, json.created_at, p.instrumentId, {
        account_number: acct,
        nonzero: p.shares > 0 ? "true" : "false",
      });
    }),
    marketData(contractId) {
      const contract = contractsById.get(contractId);
      return contract ? optionMarketDataJson(contract, history, urls) : null;
    },
    quote(instrumentId) {
      const instrument = stockById.get(instrumentId);
      return instrument ? stockQuoteJson(instrument, history, urls) : null;
    },
    instrumentIdOf(symbol) {
      return history.stockInstruments.find((s) => s.symbol === symbol.toUpperCase())?.id ?? null;
    },
  };
}
