import {
  dayFromIso,
  isTradingDay,
  newYorkDay,
  newYorkTimeMs,
  nextTradingDay,
  previousTradingDay,
} from "../market/calendar";
import { randomId, stableId } from "../market/ids";
import { createPricePaths } from "../market/price-paths";
import { createRng } from "../market/prng";
import { UNDERLYINGS } from "../market/underlyings";
import type { GenContext } from "./context";
import { settleExpiringCampaigns } from "./lifecycle";
import { manageCampaign, placeWorkingOrders } from "./manage-campaigns";
import { openCoveredCalls, openNewCampaign } from "./open-campaigns";
import { placeWorkingStockOrder, tradeShares } from "./stock-trades";
import type { Campaign } from "./trade";
import type { SimAccount, SimHistory, SimStockInstrument, SimUser } from "./types";

export const DEFAULT_SIMULATOR_NOW = "2026-11-18T22:00:00Z";

export interface GenerateHistoryOptions {
  /** Market seed: price paths depend only on it, so every user of one simulator sees one market. */
  seed: number;
  /** Distinguishes users of one simulator; their trades and ids are drawn from (seed, userKey). */
  userKey: string;
  /** The simulated present; the history ends here. */
  now?: string;
  /** Length of the history. */
  months?: number;
  username: string;
  firstName?: string;
  lastName?: string;
  startingCashCents?: number;
}

/** The last trading day whose close is before `nowMs` (a day counts once the market has closed). */
function lastCompleteDay(nowMs: number): number {
  const today = newYorkDay(nowMs);
  if (isTradingDay(today) && nowMs >= newYorkTimeMs(today, 17 * 60)) return today;
  return previousTradingDay(today);
}

function accountNumber(rng: ReturnType<typeof createRng>): string {
  const letters = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  return `${rng.int(1, 9)}${rng.pick([...letters])}${rng.pick([...letters])}${rng.int(10_000, 99_999)}`;
}

export function generateHistory(options: GenerateHistoryOptions): SimHistory {
  const nowText = options.now ?? DEFAULT_SIMULATOR_NOW;
  const nowMs = Date.parse(nowText);
  if (Number.isNaN(nowMs)) throw new Error(`invalid "now": ${nowText}`);
  const months = options.months ?? 24;
  const lastDay = lastCompleteDay(nowMs);
  const start = new Date(nowMs);
  start.setUTCMonth(start.getUTCMonth() - months);
  const firstDay = nextTradingDay(dayFromIso(start.toISOString().slice(0, 10)));
  const identity = createRng(options.seed, `identity:${options.userKey}`);

  const user: SimUser = {
    id: randomId(identity),
    username: options.username,
    email: options.username,
    firstName: options.firstName ?? "Demo",
    lastName: options.lastName ?? "Trader",
    createdAtUs:
      (newYorkTimeMs(firstDay - 400 - identity.int(0, 300), identity.int(600, 1300)) +
        identity.int(0, 59_999)) *
      1000,
  };
  const depositDay = previousTradingDay(firstDay);
  const account: SimAccount = {
    accountNumber: accountNumber(identity),
    type: "margin",
    createdAtUs: user.createdAtUs + identity.int(60, 3_600) * 1_000_000,
    depositCents: options.startingCashCents ?? 6_000_000,
    depositDay,
  };

  const stockInstruments = new Map<string, SimStockInstrument>();
  const chainIds = new Map<string, string>();
  for (const u of UNDERLYINGS) {
    const chainId = stableId("chain", u.symbol);
    chainIds.set(u.symbol, chainId);
    stockInstruments.set(u.symbol, {
      id: u.instrumentId ?? stableId("equity", u.symbol),
      symbol: u.symbol,
      simpleName: u.simpleName,
      name: u.name,
      cusip: u.cusip,
      chainId,
    });
  }

  const ctx: GenContext = {
    seed: options.seed,
    rng: createRng(options.seed, `trader:${options.userKey}`),
    idRng: createRng(options.seed, `ids:${options.userKey}`),
    prices: createPricePaths({
      seed: options.seed,
      underlyings: UNDERLYINGS,
      firstDay,
      lastDay: lastDay + 120,
    }),
    nowMs,
    account,
    orders: [],
    stockOrders: [],
    events: [],
    aggregates: [],
    contracts: new Map(),
    chainIds,
    stockInstruments,
    cashCents: account.depositCents,
    holdings: new Map(),
    day: firstDay,
    minute: 0,
    lastActionUs: 0,
  };

  let campaigns: Campaign[] = [];
  for (let day = firstDay; day <= lastDay; day = nextTradingDay(day)) {
    ctx.day = day;
    // Some days the trader looks in at the open, others only after lunch.
    ctx.minute = 9 * 60 + 32 + (ctx.rng.chance(0.6) ? ctx.rng.int(0, 45) : ctx.rng.int(45, 300));
    for (const campaign of campaigns) manageCampaign(ctx, campaign);
    campaigns = campaigns.filter((c) => !c.closed);
    tradeShares(ctx, campaigns);
    campaigns.push(...openCoveredCalls(ctx, campaigns));
    const wanted = ctx.rng.weighted([
      [0, 50],
      [1, 38],
      [2, 12],
    ] as const);
    for (let i = 0; i < wanted && campaigns.length < 10 && day < lastDay; i += 1) {
      const opened = openNewCampaign(ctx, campaigns);
      if (opened) campaigns.push(opened);
    }
    if (day === lastDay) {
      placeWorkingOrders(ctx, campaigns);
      placeWorkingStockOrder(ctx);
    }
    settleExpiringCampaigns(ctx, campaigns);
    campaigns = campaigns.filter((c) => !c.closed);
  }

  // Roll searches price contracts that were never traded; only traded ones belong to the history.
  const traded = new Set<string>();
  for (const order of ctx.orders) for (const leg of order.legs) traded.add(leg.contract.id);
  const contracts = [...ctx.contracts.values()]
    .filter((contract) => traded.has(contract.id))
    .sort((a, b) => a.createdAtUs - b.createdAtUs || a.id.localeCompare(b.id));
  return {
    seed: options.seed,
    nowMs,
    user,
    account,
    orders: ctx.orders,
    stockOrders: ctx.stockOrders,
    events: ctx.events,
    contracts,
    aggregates: ctx.aggregates.filter((a) => a.createdAtUs > 0),
    stockInstruments: [...stockInstruments.values()],
    cashCents: ctx.cashCents,
    closeCents: (symbol, day) => ctx.prices.closeCents(symbol, day),
    lastDay,
  };
}
