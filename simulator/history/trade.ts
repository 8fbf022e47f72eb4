import { divideIntegers } from "@/lib/money";
import { randomId } from "../market/ids";
import { tickCents } from "../market/option-pricing";
import type { GenContext } from "./context";
import { type FillPlan, type LegIntent, netCents, type OrderIntent, placeOrder } from "./order-factory";
import { type PositionSide, singleLegStrategy, tradedAs, twoLegStrategy } from "./strategies";
import type { SimAggregate, SimContract, SimOrder } from "./types";

export type CampaignKind = "csp" | "cc" | "put_spread" | "call_spread" | "long_call" | "long_put";

export interface CampaignLeg {
  contract: SimContract;
  side: PositionSide;
}

/** One position the trader manages from open to close, through any rolls. */
export interface Campaign {
  kind: CampaignKind;
  symbol: string;
  strategy: string;
  legs: CampaignLeg[];
  quantity: number;
  /** Net opening price per share of one unit, in cents (credit for short strategies, debit for long). */
  openCents: number;
  aggregate: SimAggregate;
  closed: boolean;
}

interface Execution {
  units: number;
  /** Signed net cash per share summed over filled units (credit positive). */
  netCents: number;
  orders: SimOrder[];
}

function orderNet(order: SimOrder, effect?: "open" | "close"): number {
  let total = 0;
  for (const leg of order.legs) {
    if (effect && leg.positionEffect !== effect) continue;
    for (const execution of leg.executions) {
      total += (leg.side === "sell" ? 1 : -1) * execution.priceCents * execution.quantity;
    }
  }
  return total;
}

/** Shifts the net price by whole ticks: positive = better for the trader. */
function adjust(intent: OrderIntent, ticks: number): OrderIntent {
  const credit = netCents(intent.legs) > 0;
  const index = intent.legs.findIndex((leg) => leg.side === (credit ? "sell" : "buy"));
  const leg = intent.legs[index];
  if (!leg) return intent;
  const step = tickCents(leg.priceCents) * ticks * (credit ? 1 : -1);
  const price = leg.priceCents + step;
  const legs = intent.legs.map((l, i) => (i === index ? { ...l, priceCents: price } : l));
  const net = netCents(legs);
  // Never let an adjustment flip the order's direction or leave a zero price.
  if (price < 1 || net === 0 || net > 0 !== credit) return intent;
  return { ...intent, legs };
}

function fillChunks(ctx: GenContext, quantity: number): FillPlan {
  return {
    kind: "filled",
    chunks: quantity >= 2 && ctx.rng.chance(0.35) ? ctx.rng.int(2, Math.min(3, quantity)) : 1,
  };
}

/**
 * Works an order the way a retail trader does: sometimes an optimistic limit that gets cancelled
 * first, sometimes a partial fill that is cancelled and re-entered (or left), sometimes a GFD order
 * that dies at the close (only when `canGiveUp`).
 */
export function execute(ctx: GenContext, intent: OrderIntent, options: { canGiveUp: boolean }): Execution {
  const roll = ctx.rng.next();
  if (options.canGiveUp && roll < 0.04) {
    return { units: 0, netCents: 0, orders: [placeOrder(ctx, adjust(intent, 2), { kind: "end_of_day" })] };
  }
  if (roll < 0.12) placeOrder(ctx, adjust(intent, ctx.rng.int(1, 2)), { kind: "cancelled" });
  if (intent.quantity >= 2 && ctx.rng.chance(0.08)) {
    const first = placeOrder(ctx, intent, { kind: "partial", filled: ctx.rng.int(1, intent.quantity - 1) });
    const done = first.legs[0]?.executions.reduce((sum, e) => sum + e.quantity, 0) ?? 0;
    const units = done / (intent.legs[0]?.ratio ?? 1);
    if (options.canGiveUp && ctx.rng.chance(0.5))
      return { units, netCents: orderNet(first), orders: [first] };
    const rest = placeOrder(
      ctx,
      adjust({ ...intent, quantity: intent.quantity - units }, -1),
      fillChunks(ctx, intent.quantity - units),
    );
    return { units: intent.quantity, netCents: orderNet(first) + orderNet(rest), orders: [first, rest] };
  }
  const order = placeOrder(ctx, intent, fillChunks(ctx, intent.quantity));
  return { units: intent.quantity, netCents: orderNet(order), orders: [order] };
}

function newAggregate(
  ctx: GenContext,
  campaign: Pick<Campaign, "symbol" | "strategy" | "legs">,
  direction: "debit" | "credit",
): SimAggregate {
  const first = campaign.legs[0];
  if (!first) throw new Error("a campaign needs legs");
  const aggregate: SimAggregate = {
    id: randomId(ctx.idRng),
    accountNumber: ctx.account.accountNumber,
    symbol: campaign.symbol,
    chainId: first.contract.chainId,
    strategy: campaign.strategy,
    direction,
    legs: campaign.legs.map((leg) => ({ contract: leg.contract, positionType: leg.side, ratio: 1 })),
    quantity: 0,
    openCostCents: 0,
    createdAtUs: 0,
    updatedAtUs: 0,
  };
  ctx.aggregates.push(aggregate);
  return aggregate;
}

function touch(ctx: GenContext, aggregate: SimAggregate): void {
  const last = ctx.orders[ctx.orders.length - 1];
  const at = last ? last.updatedAtUs : 0;
  if (aggregate.createdAtUs === 0) aggregate.createdAtUs = at;
  aggregate.updatedAtUs = Math.max(aggregate.updatedAtUs, at);
}

export interface OpenSpec {
  kind: CampaignKind;
  symbol: string;
  strategy: string;
  legs: (CampaignLeg & { priceCents: number })[];
  quantity: number;
  formSource: string;
}

export function openCampaign(ctx: GenContext, spec: OpenSpec): Campaign | null {
  const legs: LegIntent[] = spec.legs.map((leg) => ({
    contract: leg.contract,
    side: leg.side === "long" ? "buy" : "sell",
    positionEffect: "open",
    ratio: 1,
    priceCents: leg.priceCents,
  }));
  const result = execute(
    ctx,
    {
      legs,
      quantity: spec.quantity,
      formSource: spec.formSource,
      openingStrategy: spec.strategy,
      closingStrategy: null,
      strategy: spec.strategy,
    },
    { canGiveUp: true },
  );
  if (result.units === 0) return null;
  const credit = result.netCents > 0;
  const campaignLegs = spec.legs.map(({ contract, side }) => ({ contract, side }));
  const aggregate = newAggregate(
    ctx,
    { symbol: spec.symbol, strategy: spec.strategy, legs: campaignLegs },
    credit ? "credit" : "debit",
  );
  aggregate.quantity = result.units;
  aggregate.openCostCents = Math.abs(result.netCents);
  touch(ctx, aggregate);
  return {
    kind: spec.kind,
    symbol: spec.symbol,
    strategy: spec.strategy,
    legs: campaignLegs,
    quantity: result.units,
    openCents: divideIntegers(Math.abs(result.netCents), result.units, "half-away-from-zero"),
    aggregate,
    closed: false,
  };
}

/** Removes closed units from the campaign and its aggregate position. */
export function reduceCampaign(ctx: GenContext, campaign: Campaign, units: number): void {
  const aggregate = campaign.aggregate;
  aggregate.openCostCents -= divideIntegers(
    aggregate.openCostCents * units,
    aggregate.quantity,
    "half-away-from-zero",
  );
  aggregate.quantity -= units;
  campaign.quantity -= units;
  if (campaign.quantity <= 0) {
    campaign.closed = true;
    aggregate.openCostCents = 0;
  }
  touch(ctx, aggregate);
}

function closingLegs(campaign: Campaign, prices: ReadonlyMap<string, number>): LegIntent[] {
  return campaign.legs.map((leg) => ({
    contract: leg.contract,
    side: leg.side === "long" ? "sell" : "buy",
    positionEffect: "close",
    ratio: 1,
    priceCents: prices.get(leg.contract.id) ?? 1,
  }));
}

/** Closes the whole campaign with one order (both legs of a spread together). */
export function closeCampaign(
  ctx: GenContext,
  campaign: Campaign,
  prices: ReadonlyMap<string, number>,
  formSource = "aggregate_position_detail",
): void {
  const legs = closingLegs(campaign, prices);
  const [a, b] = legs;
  if (!a) return;
  const strategy = b ? twoLegStrategy(a, b) : tradedAs(a);
  execute(
    ctx,
    {
      legs,
      quantity: campaign.quantity,
      formSource,
      openingStrategy: null,
      closingStrategy: campaign.strategy,
      strategy,
    },
    { canGiveUp: false },
  );
  reduceCampaign(ctx, campaign, campaign.quantity);
}

export interface RollSpec {
  closePriceCents: number;
  next: SimContract;
  openPriceCents: number;
  /** One 2-leg order, or a close and a separate open minutes later the same day. */
  mode: "one_order" | "two_orders";
  newQuantity: number;
}

/** Rolls a single-leg campaign into `next`; the old aggregate goes to zero and a new one opens. */
export function rollCampaign(ctx: GenContext, campaign: Campaign, spec: RollSpec): void {
  const [current] = campaign.legs;
  if (!current || campaign.legs.length !== 1) throw new Error("only single-leg positions are rolled");
  const short = current.side === "short";
  const close: LegIntent = {
    contract: current.contract,
    side: short ? "buy" : "sell",
    positionEffect: "close",
    ratio: 1,
    priceCents: spec.closePriceCents,
  };
  const open: LegIntent = {
    contract: spec.next,
    side: short ? "sell" : "buy",
    positionEffect: "open",
    ratio: 1,
    priceCents: spec.openPriceCents,
  };
  const strategy = singleLegStrategy(current.side, spec.next);
  let quantity = campaign.quantity;
  let orders: SimOrder[];
  if (spec.mode === "one_order") {
    orders = execute(
      ctx,
      {
        legs: [close, open],
        quantity,
        formSource: "strategy_roll",
        openingStrategy: strategy,
        closingStrategy: campaign.strategy,
        strategy: twoLegStrategy(close, open),
      },
      { canGiveUp: false },
    ).orders;
  } else {
    execute(
      ctx,
      {
        legs: [close],
        quantity,
        formSource: "aggregate_position_detail",
        openingStrategy: null,
        closingStrategy: campaign.strategy,
        strategy: tradedAs(close),
      },
      { canGiveUp: false },
    );
    quantity = spec.newQuantity;
    orders = execute(
      ctx,
      {
        legs: [open],
        quantity,
        formSource: "option_chain",
        openingStrategy: strategy,
        closingStrategy: null,
        strategy,
      },
      { canGiveUp: false },
    ).orders;
  }
  const openNet = orders.reduce((sum, order) => sum + orderNet(order, "open"), 0);
  reduceCampaign(ctx, campaign, campaign.quantity);
  campaign.closed = false;
  campaign.legs = [{ contract: spec.next, side: current.side }];
  campaign.quantity = quantity;
  campaign.openCents = divideIntegers(Math.abs(openNet), quantity, "half-away-from-zero");
  campaign.aggregate = newAggregate(ctx, campaign, short ? "credit" : "debit");
  campaign.aggregate.quantity = quantity;
  campaign.aggregate.openCostCents = Math.abs(openNet);
  touch(ctx, campaign.aggregate);
}
