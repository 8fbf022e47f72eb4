import { divideIntegers } from "@/lib/money";
import { newYorkTimeMs } from "../market/calendar";
import { randomId } from "../market/ids";
import { type GenContext, isInTheMoney, spotCents } from "./context";
import { type Campaign, reduceCampaign } from "./trade";
import type { SimContract, SimEquityComponent, SimEvent } from "./types";

/**
 * SEC fee plus FINRA TAF on a stock sale, rounded up to the cent as brokers do. The activity
 * report shows it folded into the Amount of the assignment's stock row (`$4,599.90` for 400 × 11.50).
 */
export function stockSaleFeeCents(notionalCents: number, shares: number): number {
  return Math.ceil((notionalCents * 8) / 1_000_000) + Math.ceil((shares * 166) / 10_000);
}

function recordStockTrade(
  ctx: GenContext,
  contract: SimContract,
  side: "buy" | "sell",
  shares: number,
): SimEquityComponent {
  const instrument = ctx.stockInstruments.get(contract.symbol);
  if (!instrument) throw new Error(`no equity instrument for ${contract.symbol}`);
  const notional = contract.strikeCents * shares;
  const holding = ctx.holdings.get(contract.symbol) ?? { shares: 0, costCents: 0 };
  let feeCents = 0;
  if (side === "buy") {
    holding.shares += shares;
    holding.costCents += notional;
    ctx.cashCents -= notional;
  } else {
    if (holding.shares < shares)
      throw new Error(`selling ${shares} ${contract.symbol} shares without holding them`);
    holding.costCents -= divideIntegers(holding.costCents * shares, holding.shares, "half-away-from-zero");
    holding.shares -= shares;
    feeCents = stockSaleFeeCents(notional, shares);
    ctx.cashCents += notional - feeCents;
  }
  ctx.holdings.set(contract.symbol, holding);
  return {
    id: randomId(ctx.idRng),
    instrumentId: instrument.id,
    symbol: contract.symbol,
    side,
    priceCents: contract.strikeCents,
    shares,
    feeCents,
  };
}

function recordEvent(
  ctx: GenContext,
  spec: { type: SimEvent["type"]; contract: SimContract; positionType: "long" | "short"; quantity: number },
): void {
  const { contract, positionType, quantity } = spec;
  let equity: SimEquityComponent | null = null;
  if (spec.type !== "expiration") {
    // Short put assigned or long call exercised: shares bought. The other two: shares sold.
    const buys = (positionType === "short") === (contract.type === "put");
    equity = recordStockTrade(ctx, contract, buys ? "buy" : "sell", quantity * 100);
  }
  // Events appear on the expiry evening and settle overnight (§3.6).
  const createdAtUs =
    newYorkTimeMs(ctx.day, 16 * 60 + 15 + ctx.rng.int(0, 16)) * 1000 + ctx.rng.int(0, 59_999_999);
  const settledAtUs = newYorkTimeMs(ctx.day + 1, ctx.rng.int(0, 15)) * 1000 + ctx.rng.int(0, 59_999_999);
  const settled = settledAtUs <= ctx.nowMs * 1000;
  ctx.events.push({
    id: randomId(ctx.idRng),
    type: spec.type,
    accountNumber: ctx.account.accountNumber,
    contract,
    positionType,
    quantity,
    eventDay: ctx.day,
    state: settled ? "confirmed" : "preparing",
    underlyingPriceCents: spotCents(ctx, contract.symbol),
    equity,
    createdAtUs,
    updatedAtUs: settled ? settledAtUs : createdAtUs,
  });
}

/**
 * At the close of an expiry day every leg still open ends: in the money, shorts are assigned and
 * longs exercised (OCC auto-exercise); otherwise the contract expires.
 */
export function settleExpiringCampaigns(ctx: GenContext, campaigns: readonly Campaign[]): void {
  for (const campaign of campaigns) {
    if (campaign.closed) continue;
    const expiring = campaign.legs.filter((leg) => leg.contract.expirationDay === ctx.day);
    if (expiring.length === 0) continue;
    for (const leg of expiring) {
      const itm = isInTheMoney(ctx, leg.contract);
      const type = !itm ? "expiration" : leg.side === "short" ? "assignment" : "exercise";
      recordEvent(ctx, { type, contract: leg.contract, positionType: leg.side, quantity: campaign.quantity });
    }
    reduceCampaign(ctx, campaign, campaign.quantity);
  }
}

/** A deep in-the-money short call assigned before expiry. */
export function assignEarly(ctx: GenContext, campaign: Campaign): void {
  const [leg] = campaign.legs;
  if (leg?.side !== "short") return;
  recordEvent(ctx, {
    type: "assignment",
    contract: leg.contract,
    positionType: "short",
    quantity: campaign.quantity,
  });
  reduceCampaign(ctx, campaign, campaign.quantity);
}
