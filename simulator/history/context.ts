import { newYorkTimeMs } from "../market/calendar";
import { stableId } from "../market/ids";
import { blackScholes, toTickCents } from "../market/option-pricing";
import type { PricePaths } from "../market/price-paths";
import { hash32, type Rng } from "../market/prng";
import type { Micros } from "../market/timestamps";
import { underlyingFor } from "../market/underlyings";
import type {
  SimAccount,
  SimAggregate,
  SimContract,
  SimEvent,
  SimOrder,
  SimStockInstrument,
  SimStockOrder,
} from "./types";

export interface StockHolding {
  shares: number;
  /** Total cost of the shares held, in cents (average-cost basis). */
  costCents: number;
}

/** Mutable state of one history while it is being generated. */
export interface GenContext {
  seed: number;
  /** Trading decisions. */
  rng: Rng;
  /** Ids only, so changing a decision rule does not renumber everything else. */
  idRng: Rng;
  prices: PricePaths;
  nowMs: number;
  account: SimAccount;
  orders: SimOrder[];
  stockOrders: SimStockOrder[];
  events: SimEvent[];
  aggregates: SimAggregate[];
  contracts: Map<string, SimContract>;
  chainIds: Map<string, string>;
  stockInstruments: Map<string, SimStockInstrument>;
  cashCents: number;
  holdings: Map<string, StockHolding>;
  /** Current trading day and the New York minute of the next action on it. */
  day: number;
  minute: number;
  /** The last action time handed out, so times only move forward. */
  lastActionUs: Micros;
}

export const MARKET_CLOSE_MINUTE = 16 * 60;
/** After this New York minute the trader starts nothing new; forced steps may still run until the close. */
const LAST_NEW_ACTION_MINUTE = 15 * 60 + 30;

export function canStartAction(ctx: GenContext): boolean {
  return ctx.minute < LAST_NEW_ACTION_MINUTE;
}

/** The market close of the current day, in microseconds. */
export function closeUs(ctx: GenContext): Micros {
  return newYorkTimeMs(ctx.day, MARKET_CLOSE_MINUTE) * 1000;
}

/** The next action time on the current day: strictly increasing and before the close. */
export function nextActionUs(ctx: GenContext, minMinutes = 2, maxMinutes = 25): Micros {
  ctx.minute = Math.min(ctx.minute + ctx.rng.int(minMinutes, maxMinutes), MARKET_CLOSE_MINUTE - 3);
  const candidate = newYorkTimeMs(ctx.day, ctx.minute) * 1000 + ctx.rng.int(0, 59_000_000);
  const at = Math.max(candidate, ctx.lastActionUs + ctx.rng.int(1_000_000, 20_000_000));
  ctx.lastActionUs = at;
  return at;
}

export function contractFor(
  ctx: GenContext,
  spec: { symbol: string; type: "call" | "put"; strikeCents: number; expirationDay: number },
): SimContract {
  const key = `${spec.symbol}|${spec.type}|${spec.strikeCents}|${spec.expirationDay}`;
  const existing = ctx.contracts.get(key);
  if (existing) return existing;
  const chainId = ctx.chainIds.get(spec.symbol);
  if (!chainId) throw new Error(`no chain for ${spec.symbol}`);
  // Listed about ten weeks before expiry, at the overnight listing time seen in samples (§7.3).
  const listedDay = spec.expirationDay - 70;
  const contract: SimContract = {
    id: stableId("option", spec.symbol, spec.type, spec.strikeCents, spec.expirationDay),
    symbol: spec.symbol,
    chainId,
    type: spec.type,
    strikeCents: spec.strikeCents,
    expirationDay: spec.expirationDay,
    createdAtUs: (listedDay * 86_400_000 + 2 * 3_600_000) * 1000 + (hash32(key) % 3_600_000_000),
  };
  ctx.contracts.set(key, contract);
  return contract;
}

export function spotCents(ctx: GenContext, symbol: string, day = ctx.day): number {
  return ctx.prices.closeCents(symbol, day);
}

/** Years to expiry as seen during `day`; expiry is at that day's close. */
export function yearsToExpiry(contract: SimContract, day: number, hoursLeftToday = 3): number {
  return Math.max(0, contract.expirationDay - day + hoursLeftToday / 24) / 365;
}

/** Model mid price in cents on a valid tick. */
export function optionMidCents(ctx: GenContext, contract: SimContract, day = ctx.day): number {
  const underlying = underlyingFor(contract.symbol);
  const model = blackScholes({
    type: contract.type,
    spot: spotCents(ctx, contract.symbol, day) / 100,
    strike: contract.strikeCents / 100,
    years: yearsToExpiry(contract, day),
    volatility: underlying.volatility,
  });
  return toTickCents(model.price);
}

export function isInTheMoney(ctx: GenContext, contract: SimContract, day = ctx.day): boolean {
  const spot = spotCents(ctx, contract.symbol, day);
  return contract.type === "call" ? spot > contract.strikeCents : spot < contract.strikeCents;
}
