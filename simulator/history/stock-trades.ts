import { divideIntegers } from "@/lib/money";
import { newYorkTimeMs } from "../market/calendar";
import { randomId, timePrefixedId } from "../market/ids";
import { UNDERLYINGS } from "../market/underlyings";
import { canStartAction, closeUs, type GenContext, nextActionUs, spotCents } from "./context";
import { stockSaleFeeCents } from "./lifecycle";
import { freeCashCents } from "./open-campaigns";
import type { Campaign } from "./trade";
import type { SimStockExecution, SimStockOrder } from "./types";

/** Symbols the trader buys round lots of to write covered calls on (a "buy-write"). */
const WHEEL_SYMBOLS = UNDERLYINGS.filter((u) => u.roles.includes("wheel")).map((u) => u.symbol);
/** Symbols of the occasional plain stock trade: odd lots, never covered. */
const PLAIN_SYMBOLS = ["AAPL", "AMD", "SPY", "F", "SOFI"];

/** Shares of `symbol` promised to open covered calls. */
function coveredShares(campaigns: readonly Campaign[], symbol: string): number {
  return campaigns
    .filter((c) => !c.closed && c.kind === "cc" && c.symbol === symbol)
    .reduce((n, c) => n + c.quantity * 100, 0);
}

/** Cents away from the day's close, as an intraday fill would be. */
function fillPrice(ctx: GenContext, symbol: string): number {
  const spot = spotCents(ctx, symbol);
  return Math.max(1, spot + ctx.rng.int(-Math.ceil(spot / 200), Math.ceil(spot / 200)));
}

interface StockIntent {
  symbol: string;
  side: "buy" | "sell";
  shares: number;
  type: "market" | "limit";
}

/**
 * Places one equity order and books its fills (cash, holdings). Market orders fill at once, in one
 * or two executions; some limit orders are first placed a little off the market and cancelled.
 */
function placeStockOrder(ctx: GenContext, intent: StockIntent): SimStockOrder {
  const instrument = ctx.stockInstruments.get(intent.symbol);
  if (!instrument) throw new Error(`no equity instrument for ${intent.symbol}`);
  if (intent.type === "limit" && ctx.rng.chance(0.15)) {
    const away = intent.side === "buy" ? -1 : 1;
    record(ctx, intent, fillPrice(ctx, intent.symbol) + away * ctx.rng.int(5, 30), []);
  }
  const createdAtUs = nextActionUs(ctx);
  const priceCents = fillPrice(ctx, intent.symbol);
  const executions: SimStockExecution[] = [];
  const parts =
    intent.shares >= 20 && ctx.rng.chance(0.3)
      ? [Math.floor(intent.shares / 2), intent.shares - Math.floor(intent.shares / 2)]
      : [intent.shares];
  let lastUs = createdAtUs;
  for (const shares of parts) {
    lastUs += ctx.rng.int(200, 3_000) * 1000;
    const timestampUs = Math.floor(lastUs / 1000) * 1000;
    const fillCents = intent.type === "limit" ? priceCents : priceCents + ctx.rng.int(-1, 1);
    const notional = fillCents * shares;
    const feeCents = intent.side === "sell" ? stockSaleFeeCents(notional, shares) : 0;
    executions.push({
      id: timePrefixedId(ctx.idRng, timestampUs / 1000),
      priceCents: fillCents,
      shares,
      timestampUs,
      feeCents,
    });
    book(ctx, intent, notional, feeCents, shares);
  }
  const order = record(ctx, intent, priceCents, executions, createdAtUs);
  order.updatedAtUs = lastUs + ctx.rng.int(100, 500) * 1000;
  ctx.lastActionUs = Math.max(ctx.lastActionUs, order.updatedAtUs);
  return order;
}

function book(ctx: GenContext, intent: StockIntent, notional: number, feeCents: number, shares: number) {
  const holding = ctx.holdings.get(intent.symbol) ?? { shares: 0, costCents: 0 };
  if (intent.side === "buy") {
    holding.shares += shares;
    holding.costCents += notional;
    ctx.cashCents -= notional;
  } else {
    if (holding.shares < shares) throw new Error(`selling ${shares} ${intent.symbol} shares not held`);
    holding.costCents -= divideIntegers(holding.costCents * shares, holding.shares, "half-away-from-zero");
    holding.shares -= shares;
    ctx.cashCents += notional - feeCents;
  }
  ctx.holdings.set(intent.symbol, holding);
}

/** Appends the order; one without executions is a limit the trader cancelled minutes later. */
function record(
  ctx: GenContext,
  intent: StockIntent,
  priceCents: number,
  executions: SimStockExecution[],
  createdAtUs = nextActionUs(ctx),
): SimStockOrder {
  const instrument = ctx.stockInstruments.get(intent.symbol);
  const cancelled = executions.length === 0;
  const updatedAtUs = cancelled
    ? Math.min(createdAtUs + ctx.rng.int(60, 900) * 1_000_000, closeUs(ctx) - 30_000_000)
    : createdAtUs;
  const order: SimStockOrder = {
    id: timePrefixedId(ctx.idRng, createdAtUs / 1000),
    refId: randomId(ctx.idRng),
    accountNumber: ctx.account.accountNumber,
    instrumentId: instrument?.id ?? "",
    symbol: intent.symbol,
    side: intent.side,
    type: intent.type,
    priceCents,
    shares: intent.shares,
    executions,
    state: cancelled ? "cancelled" : "filled",
    timeInForce: "gfd",
    createdAtUs,
    updatedAtUs: Math.max(updatedAtUs, createdAtUs + 1),
  };
  ctx.stockOrders.push(order);
  if (cancelled) {
    ctx.lastActionUs = Math.max(ctx.lastActionUs, order.updatedAtUs);
    ctx.minute = Math.max(
      ctx.minute,
      Math.floor((order.updatedAtUs / 1000 - newYorkTimeMs(ctx.day, 0)) / 60_000),
    );
  }
  return order;
}

/**
 * The trader's share dealing on one day, before covered calls are written: now and then a round lot
 * of a wheel stock bought to write calls on (a buy-write), assigned shares no call covers sold, an
 * odd lot bought, and odd lots sold again. Only shares not promised to an open covered call are sold,
 * so every later call assignment still finds its shares.
 */
export function tradeShares(ctx: GenContext, campaigns: readonly Campaign[]): void {
  for (const [symbol, holding] of [...ctx.holdings.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!canStartAction(ctx)) return;
    const free = holding.shares - coveredShares(campaigns, symbol);
    const oddLot = holding.shares % 100;
    if (free >= 100 && ctx.rng.chance(0.05)) {
      placeStockOrder(ctx, { symbol, side: "sell", shares: free - (free % 100), type: "limit" });
    } else if (oddLot > 0 && free >= oddLot && ctx.rng.chance(0.05)) {
      placeStockOrder(ctx, { symbol, side: "sell", shares: oddLot, type: "market" });
    }
  }
  if (canStartAction(ctx) && ctx.rng.chance(0.035)) {
    const symbol = ctx.rng.pick(WHEEL_SYMBOLS);
    const lots = ctx.rng.int(1, 3);
    const cost = fillPrice(ctx, symbol) * 100 * lots;
    if (cost * 1.05 < freeCashCents(ctx, campaigns) * 0.35) {
      placeStockOrder(ctx, { symbol, side: "buy", shares: 100 * lots, type: "limit" });
    }
  }
  if (canStartAction(ctx) && ctx.rng.chance(0.02)) {
    const symbol = ctx.rng.pick(PLAIN_SYMBOLS);
    const shares = ctx.rng.int(3, 40);
    const cost = fillPrice(ctx, symbol) * shares;
    const holding = ctx.holdings.get(symbol);
    // Odd lots stay odd: a round lot made of them would be written calls on like any other.
    const odd = ((holding?.shares ?? 0) % 100) + shares < 100;
    if (odd && cost * 1.05 < freeCashCents(ctx, campaigns) * 0.1) {
      placeStockOrder(ctx, { symbol, side: "buy", shares, type: "market" });
    }
  }
}

/** A good-till-cancelled limit buy still working at "now" (no fills). */
export function placeWorkingStockOrder(ctx: GenContext): void {
  const symbol = ctx.rng.pick(PLAIN_SYMBOLS);
  const instrument = ctx.stockInstruments.get(symbol);
  if (!instrument) return;
  const createdAtUs = nextActionUs(ctx);
  ctx.stockOrders.push({
    id: timePrefixedId(ctx.idRng, createdAtUs / 1000),
    refId: randomId(ctx.idRng),
    accountNumber: ctx.account.accountNumber,
    instrumentId: instrument.id,
    symbol,
    side: "buy",
    type: "limit",
    priceCents: Math.round(spotCents(ctx, symbol) * 0.93),
    shares: ctx.rng.int(5, 20),
    executions: [],
    state: "confirmed",
    timeInForce: "gtc",
    createdAtUs,
    updatedAtUs: createdAtUs + ctx.rng.int(200, 900) * 1000,
  });
}
