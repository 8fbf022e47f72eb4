import type { SimContract, SimHistory, SimStockInstrument } from "../history/types";
import { isoFromDay, newYorkDay, newYorkTimeMs, weeklyExpiration } from "../market/calendar";
import { stableId } from "../market/ids";
import { isoMicros, isoWithOffset } from "../market/timestamps";
import { price4, strategyCode } from "./format";
import type { ApiUrls } from "./urls";

const MIN_TICKS = { above_tick: "0.05", below_tick: "0.01", cutoff_price: "3.00" };

/** Expired once its last trading day has closed before the simulated "now". */
export function isExpired(contract: SimContract, nowMs: number): boolean {
  return newYorkTimeMs(contract.expirationDay, 16 * 60) <= nowMs;
}

/** §3.4 / §7.3 option instrument. */
export function optionInstrumentJson(contract: SimContract, urls: ApiUrls, nowMs: number) {
  const expired = isExpired(contract, nowMs);
  const listedDay = Math.floor(contract.createdAtUs / 86_400_000_000);
  const updatedAtUs = expired
    ? newYorkTimeMs(contract.expirationDay + 1, 60) * 1000 + (contract.createdAtUs % 1_000_000)
    : contract.createdAtUs + 6;
  return {
    chain_id: contract.chainId,
    chain_symbol: contract.symbol,
    created_at: isoMicros(contract.createdAtUs),
    expiration_date: isoFromDay(contract.expirationDay),
    id: contract.id,
    issue_date: isoFromDay(listedDay),
    long_strategy_code: strategyCode(contract.id, "long"),
    min_ticks: MIN_TICKS,
    rhs_tradability: expired ? "untradable" : "tradable",
    // Last sell-out is 15:30 New York on expiry day (§3.4).
    sellout_datetime: isoWithOffset(newYorkTimeMs(contract.expirationDay, 15 * 60 + 30)),
    short_strategy_code: strategyCode(contract.id, "short"),
    state: expired ? "expired" : "active",
    strike_price: price4(contract.strikeCents),
    tradability: expired ? "untradable" : "tradable",
    type: contract.type,
    updated_at: isoMicros(updatedAtUs),
    url: urls.optionInstrument(contract.id),
  };
}

/** §3.7 options chain of one underlying. Every generated chain has the standard 100 multiplier. */
export function optionChainJson(instrument: SimStockInstrument, history: SimHistory, urls: ApiUrls) {
  const nowDay = newYorkDay(history.nowMs);
  const expirations = new Set<number>();
  for (let week = 0; week < 8; week += 1) expirations.add(weeklyExpiration(nowDay + 7 * week));
  for (const contract of history.contracts) {
    if (contract.symbol === instrument.symbol && !isExpired(contract, history.nowMs))
      expirations.add(contract.expirationDay);
  }
  return {
    can_open_position: true,
    cash_component: null,
    expiration_dates: [...expirations]
      .filter((day) => newYorkTimeMs(day, 16 * 60) > history.nowMs)
      .sort((a, b) => a - b)
      .map(isoFromDay),
    id: instrument.chainId,
    late_close_state: "disabled",
    min_ticks: MIN_TICKS,
    symbol: instrument.symbol,
    trade_value_multiplier: "100.0000",
    underlying_instruments: [
      {
        id: stableId("underlying", instrument.symbol),
        instrument: urls.equityInstrument(instrument.id),
        quantity: 100,
      },
    ],
  };
}

/** §4 equity instrument (only the fields a client reads, plus the common URLs). */
export function stockInstrumentJson(instrument: SimStockInstrument, urls: ApiUrls) {
  return {
    fractional_tradability: "tradable",
    fundamentals: `${urls.base}/fundamentals/${instrument.symbol}/`,
    id: instrument.id,
    list_date: "2000-01-03",
    market: `${urls.base}/markets/XNAS/`,
    min_tick_size: null,
    name: instrument.name,
    quote: `${urls.base}/quotes/${instrument.symbol}/`,
    rhs_tradability: "tradable",
    simple_name: instrument.simpleName,
    splits: `${urls.base}/instruments/${instrument.id}/splits/`,
    state: "active",
    symbol: instrument.symbol,
    tradability: "tradable",
    tradable_chain_id: instrument.chainId,
    tradeable: true,
    type: instrument.symbol === "SPY" ? "etp" : "stock",
    url: urls.equityInstrument(instrument.id),
  };
}
