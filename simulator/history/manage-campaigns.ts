import { divideIntegers } from "@/lib/money";
import { tradingDaysBetween, weeklyExpiration } from "../market/calendar";
import { tickCents } from "../market/option-pricing";
import { underlyingFor } from "../market/underlyings";
import {
  canStartAction,
  contractFor,
  type GenContext,
  isInTheMoney,
  optionMidCents,
  spotCents,
} from "./context";
import { assignEarly } from "./lifecycle";
import { placeOrder } from "./order-factory";
import { tradedAs, twoLegStrategy } from "./strategies";
import { type Campaign, closeCampaign, rollCampaign } from "./trade";
import type { SimContract } from "./types";

function priceMap(ctx: GenContext, campaign: Campaign): Map<string, number> {
  return new Map(campaign.legs.map((leg) => [leg.contract.id, optionMidCents(ctx, leg.contract)]));
}

function daysLeft(ctx: GenContext, contract: SimContract): number {
  return tradingDaysBetween(ctx.day, contract.expirationDay);
}

/**
 * Rolls a tested short option out (and down for puts, up for calls) for a credit when one exists,
 * as one 2-leg order or as two orders the same day.
 */
function tryRoll(ctx: GenContext, campaign: Campaign, current: SimContract): boolean {
  const u = underlyingFor(campaign.symbol);
  const closeCents = optionMidCents(ctx, current);
  const spot = spotCents(ctx, campaign.symbol);
  const deep =
    current.type === "put"
      ? spot < current.strikeCents - u.strikeStepCents
      : spot > current.strikeCents + u.strikeStepCents;
  const strikeCents =
    deep && ctx.rng.chance(0.6)
      ? current.strikeCents + (current.type === "put" ? -1 : 1) * u.strikeStepCents
      : current.strikeCents;
  let fallback: { next: SimContract; openCents: number } | undefined;
  for (let weeks = 1; weeks <= 4; weeks += 1) {
    const expirationDay = weeklyExpiration(current.expirationDay + 7 * weeks);
    const next = contractFor(ctx, {
      symbol: campaign.symbol,
      type: current.type,
      strikeCents,
      expirationDay,
    });
    const openCents = optionMidCents(ctx, next);
    fallback = { next, openCents };
    if (openCents - closeCents >= 5) break;
  }
  if (!fallback || fallback.openCents === closeCents) return false;
  // Most rolls are for a credit; a few traders pay a small debit to buy time.
  if (fallback.openCents < closeCents && !ctx.rng.chance(0.3)) return false;
  const mode = ctx.rng.chance(0.65) ? "one_order" : "two_orders";
  let newQuantity = campaign.quantity;
  if (mode === "two_orders" && ctx.rng.chance(0.2)) {
    // Covered calls only shrink: other calls may already cover the rest of the shares.
    const grow = campaign.kind !== "cc" && ctx.rng.chance(0.5);
    newQuantity = Math.max(1, campaign.quantity + (grow ? 1 : -1));
  }
  rollCampaign(ctx, campaign, {
    closePriceCents: closeCents,
    next: fallback.next,
    openPriceCents: fallback.openCents,
    mode,
    newQuantity,
  });
  return true;
}

function manageShort(ctx: GenContext, campaign: Campaign): void {
  const [leg] = campaign.legs;
  if (!leg) return;
  const left = daysLeft(ctx, leg.contract);
  const mid = optionMidCents(ctx, leg.contract);
  const itm = isInTheMoney(ctx, leg.contract);
  const spot = spotCents(ctx, campaign.symbol);
  if (
    campaign.kind === "cc" &&
    itm &&
    left > 0 &&
    left <= 4 &&
    spot > leg.contract.strikeCents * 1.03 &&
    ctx.rng.chance(0.04)
  ) {
    assignEarly(ctx, campaign);
    return;
  }
  if (left > 0 && mid * 2 <= campaign.openCents && ctx.rng.chance(0.15)) {
    closeCampaign(ctx, campaign, priceMap(ctx, campaign));
  } else if (left <= 2 && itm && ctx.rng.chance(left === 0 ? 0.5 : 0.2)) {
    tryRoll(ctx, campaign, leg.contract);
  } else if (left === 0 && !itm && mid <= 3 && ctx.rng.chance(0.12)) {
    closeCampaign(ctx, campaign, priceMap(ctx, campaign));
  }
}

function manageLong(ctx: GenContext, campaign: Campaign): void {
  const [leg] = campaign.legs;
  if (!leg) return;
  const left = daysLeft(ctx, leg.contract);
  const mid = optionMidCents(ctx, leg.contract);
  const itm = isInTheMoney(ctx, leg.contract);
  if (left > 0 && mid >= campaign.openCents * 1.6 && ctx.rng.chance(0.2)) {
    closeCampaign(ctx, campaign, priceMap(ctx, campaign));
  } else if (left > 0 && left <= 5 && mid * 10 <= campaign.openCents * 4 && ctx.rng.chance(0.25)) {
    closeCampaign(ctx, campaign, priceMap(ctx, campaign));
  } else if (left === 0 && itm) {
    const cost = leg.contract.strikeCents * 100 * campaign.quantity;
    // Calls in the money may be held into exercise when the cash is there; puts are always sold
    // because exercising them would need shares to deliver.
    const exercise = leg.contract.type === "call" && ctx.cashCents > cost * 1.2 && ctx.rng.chance(0.8);
    if (!exercise) closeCampaign(ctx, campaign, priceMap(ctx, campaign));
  }
}

function manageSpread(ctx: GenContext, campaign: Campaign): void {
  const short = campaign.legs.find((leg) => leg.side === "short");
  const long = campaign.legs.find((leg) => leg.side === "long");
  if (!short || !long) return;
  const prices = priceMap(ctx, campaign);
  const value = (prices.get(short.contract.id) ?? 0) - (prices.get(long.contract.id) ?? 0);
  const left = daysLeft(ctx, short.contract);
  const spot = spotCents(ctx, campaign.symbol);
  const strike = short.contract.strikeCents;
  const tested = short.contract.type === "put" ? spot < strike * 1.015 : spot > strike * 0.985;
  // A worthless spread is left to expire: there is nothing to buy back.
  if (value <= 0) return;
  if ((left > 0 && value * 2 <= campaign.openCents && ctx.rng.chance(0.12)) || (left <= 1 && tested)) {
    closeCampaign(ctx, campaign, prices);
  }
}

export function manageCampaign(ctx: GenContext, campaign: Campaign): void {
  if (campaign.closed || !canStartAction(ctx)) return;
  if (campaign.kind === "csp" || campaign.kind === "cc") manageShort(ctx, campaign);
  else if (campaign.kind === "long_call" || campaign.kind === "long_put") manageLong(ctx, campaign);
  else manageSpread(ctx, campaign);
}

/**
 * Orders still working at "now": good-till-cancelled profit takers on some open positions (the
 * way many sellers leave a buy-to-close at 10–20% of the credit), and one new short put offered
 * above the market.
 */
export function placeWorkingOrders(ctx: GenContext, campaigns: readonly Campaign[]): void {
  for (const campaign of campaigns) {
    const [leg] = campaign.legs;
    if (campaign.closed || !leg || leg.side !== "short" || !ctx.rng.chance(0.5)) continue;
    const target = Math.max(
      1,
      divideIntegers(campaign.openCents * ctx.rng.int(10, 20), 100, "half-away-from-zero"),
    );
    const legs = campaign.legs.map((l) => ({
      contract: l.contract,
      side: l.side === "short" ? ("buy" as const) : ("sell" as const),
      positionEffect: "close" as const,
      ratio: 1,
      priceCents: l.side === "short" ? target + 1 : 1,
    }));
    const [a, b] = legs;
    if (!a) continue;
    placeOrder(
      ctx,
      {
        legs,
        quantity: campaign.quantity,
        formSource: "aggregate_position_detail",
        openingStrategy: null,
        closingStrategy: campaign.strategy,
        strategy: b ? twoLegStrategy(a, b) : tradedAs(a),
        timeInForce: "gtc",
      },
      { kind: "working", state: ctx.rng.chance(0.8) ? "confirmed" : "queued" },
    );
  }
  const symbol = ctx.rng.pick(["SOFI", "F", "INTC"]);
  const u = underlyingFor(symbol);
  const strikeCents = Math.floor((spotCents(ctx, symbol) * 0.9) / u.strikeStepCents) * u.strikeStepCents;
  const contract = contractFor(ctx, {
    symbol,
    type: "put",
    strikeCents,
    expirationDay: weeklyExpiration(ctx.day + 28),
  });
  const mid = optionMidCents(ctx, contract);
  placeOrder(
    ctx,
    {
      legs: [
        { contract, side: "sell", positionEffect: "open", ratio: 1, priceCents: mid + 2 * tickCents(mid) },
      ],
      quantity: 1,
      formSource: "option_chain",
      openingStrategy: "short_put",
      closingStrategy: null,
      strategy: "short_put",
      timeInForce: "gtc",
    },
    { kind: "working", state: "confirmed" },
  );
}
