import { formatMinorUnits } from "@/lib/money";
import type { SimContract, SimHistory, SimStockInstrument } from "../history/types";
import { isoFromDay, newYorkTimeMs, previousTradingDay } from "../market/calendar";
import { blackScholes, tickCents, toTickCents } from "../market/option-pricing";
import { hash32 } from "../market/prng";
import { underlyingFor } from "../market/underlyings";
import { isExpired } from "./instruments";
import type { ApiUrls } from "./urls";

/** Prices in market data have 6 places; cents are printed exactly. */
const price6 = (cents: number) => formatMinorUnits(cents, 2, 6);
/** Marks are bid/ask midpoints, so they are held in tenths of a cent (1e-3 dollars). */
const mills6 = (mills: number) => formatMinorUnits(mills, 3, 6);

/** Greeks and probabilities are model outputs, not money; six places as Robinhood prints them. */
const ratio6 = (value: number) => (Object.is(value, -0) ? 0 : value).toFixed(6);

/** `AAPL  250221C00250000`: root padded to 6, YYMMDD, C/P, strike × 1000 in 8 digits. */
export function occSymbol(contract: SimContract): string {
  const date = isoFromDay(contract.expirationDay).replaceAll("-", "").slice(2);
  const strike = String(contract.strikeCents * 10).padStart(8, "0");
  return `${contract.symbol.padEnd(6, " ")}${date}${contract.type === "call" ? "C" : "P"}${strike}`;
}

/** `updated_at` with nanoseconds, as market data prints it (§3.5). */
function nanosTimestamp(ms: number, salt: string): string {
  const base = new Date(ms).toISOString().slice(0, 19);
  const nanos = ((ms % 1000) * 1_000_000 + (hash32(salt) % 1_000_000)).toString().padStart(9, "0");
  return `${base}.${nanos}Z`;
}

/**
 * The pricing model's view of one contract at the simulated "now" (after expiry: at the expiry
 * close): a function of the contract, the seed's price path and "now" only, so the same simulator
 * always serves the same Greeks and tests can recompute what it served.
 */
function modelOf(contract: SimContract, history: SimHistory) {
  const expired = isExpired(contract, history.nowMs);
  const day = expired ? contract.expirationDay : history.lastDay;
  const spotCents = history.closeCents(contract.symbol, day);
  const closeMs = newYorkTimeMs(contract.expirationDay, 16 * 60);
  const years = expired ? 0 : Math.max(0, closeMs - history.nowMs) / (365 * 86_400_000);
  const volatility = underlyingFor(contract.symbol).volatility;
  const model = blackScholes({
    type: contract.type,
    spot: spotCents / 100,
    strike: contract.strikeCents / 100,
    years,
    volatility,
  });
  return { expired, day, closeMs, volatility, model };
}

/** The Greeks and implied volatility market data serves for a contract, as the strings it sends. */
export function optionGreeksJson(contract: SimContract, history: SimHistory) {
  const { expired, volatility, model } = modelOf(contract, history);
  return {
    delta: ratio6(model.delta),
    gamma: ratio6(model.gamma),
    theta: ratio6(model.theta),
    vega: ratio6(model.vega),
    rho: ratio6(model.rho),
    implied_volatility: ratio6(expired ? 0 : volatility),
  };
}

/** §3.5 / §7.4 market data of one contract at the simulated "now" (after expiry: at the expiry close). */
export function optionMarketDataJson(contract: SimContract, history: SimHistory, urls: ApiUrls) {
  const { expired, day, closeMs, model } = modelOf(contract, history);
  const greeks = optionGreeksJson(contract, history);
  const fair = model.price < 0.005 ? 0 : toTickCents(model.price);
  const tick = tickCents(Math.max(fair, 1));
  const seed = hash32(contract.id);
  const bid = Math.max(0, fair - tick * (1 + (seed % 2)));
  const ask = fair + tick * (1 + ((seed >>> 1) % 3));
  const markMills = (bid + ask) * 5;
  const previous = Math.max(0, fair + tick * ((seed % 5) - 2));
  const breakEvenMills = contract.strikeCents * 10 + (contract.type === "call" ? markMills : -markMills);
  const probabilityItm = Math.abs(model.delta);
  return {
    adjusted_mark_price: mills6(markMills),
    adjusted_mark_price_round_down: mills6(markMills - (markMills % 10)),
    ask_price: price6(ask),
    ask_size: 1 + (seed % 150),
    bid_price: price6(bid),
    bid_size: 1 + ((seed >>> 8) % 150),
    break_even_price: mills6(breakEvenMills),
    chance_of_profit_long: ratio6(probabilityItm * 0.85),
    chance_of_profit_short: ratio6(1 - probabilityItm * 0.85),
    delta: greeks.delta,
    gamma: greeks.gamma,
    high_fill_rate_buy_price: mills6(markMills + tick * 14),
    high_fill_rate_sell_price: mills6(Math.max(0, markMills - tick * 14)),
    high_price: price6(Math.max(ask, previous) + tick),
    implied_volatility: greeks.implied_volatility,
    instrument: urls.optionInstrument(contract.id),
    instrument_id: contract.id,
    last_trade_price: price6(Math.max(bid, Math.min(ask, previous))),
    last_trade_size: 1 + (seed % 9),
    low_fill_rate_buy_price: mills6(markMills + tick * 4),
    low_fill_rate_sell_price: mills6(Math.max(0, markMills - tick * 4)),
    low_price: price6(Math.max(0, Math.min(bid, previous) - tick)),
    mark_price: mills6(markMills),
    occ_symbol: occSymbol(contract),
    open_interest: seed % 20_000,
    previous_close_date: isoFromDay(previousTradingDay(day)),
    previous_close_price: price6(previous),
    pricing_model: "Bjerksund-Stensland 1993",
    rho: greeks.rho,
    state: expired ? "expired" : "active",
    symbol: contract.symbol,
    theta: greeks.theta,
    updated_at: nanosTimestamp(expired ? closeMs : history.nowMs, contract.id),
    vega: greeks.vega,
    volume: (seed >>> 4) % 3_000,
  };
}

/** §4 quote of an underlying at "now". */
export function stockQuoteJson(instrument: SimStockInstrument, history: SimHistory, urls: ApiUrls) {
  const last = history.closeCents(instrument.symbol, history.lastDay);
  const previous = history.closeCents(instrument.symbol, previousTradingDay(history.lastDay));
  const updated = new Date(Math.min(history.nowMs, newYorkTimeMs(history.lastDay, 20 * 60))).toISOString();
  return {
    adjusted_previous_close: price6(previous),
    ask_price: price6(last + 2),
    ask_size: 100 + (hash32(instrument.symbol) % 900),
    bid_price: price6(last - 1),
    bid_size: 100 + (hash32(`${instrument.symbol}b`) % 900),
    has_traded: true,
    instrument: urls.equityInstrument(instrument.id),
    instrument_id: instrument.id,
    last_extended_hours_trade_price: price6(last),
    last_non_reg_trade_price: price6(last),
    last_trade_price: price6(last),
    last_trade_price_source: "consolidated",
    previous_close: price6(previous),
    previous_close_date: isoFromDay(previousTradingDay(history.lastDay)),
    state: "active",
    symbol: instrument.symbol,
    trading_halted: false,
    updated_at: updated,
  };
}
