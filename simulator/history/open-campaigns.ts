import { weeklyExpiration } from "../market/calendar";
import { tickCents } from "../market/option-pricing";
import { type StrategyRole, UNDERLYINGS, underlyingFor } from "../market/underlyings";
import { canStartAction, contractFor, type GenContext, optionMidCents, spotCents } from "./context";
import { creditSpreadStrategy } from "./strategies";
import { type Campaign, type CampaignKind, openCampaign } from "./trade";

const OPEN_WEIGHTS: readonly (readonly [CampaignKind, number])[] = [
  ["csp", 40],
  ["put_spread", 22],
  ["call_spread", 10],
  ["long_call", 24],
  ["long_put", 6],
];

function roundDown(value: number, step: number): number {
  return Math.floor(value / step) * step;
}

function roundUp(value: number, step: number): number {
  return Math.ceil(value / step) * step;
}

function expiryInWeeks(ctx: GenContext, minWeeks: number, maxWeeks: number): number {
  return weeklyExpiration(ctx.day + 7 * ctx.rng.int(minWeeks, maxWeeks));
}

/** Cash not yet promised as collateral to short puts and spreads. */
export function freeCashCents(ctx: GenContext, campaigns: readonly Campaign[]): number {
  let reserved = 0;
  for (const c of campaigns) {
    if (c.closed) continue;
    const short = c.legs.find((leg) => leg.side === "short");
    const long = c.legs.find((leg) => leg.side === "long");
    if (c.kind === "csp" && short) reserved += short.contract.strikeCents * 100 * c.quantity;
    if ((c.kind === "put_spread" || c.kind === "call_spread") && short && long) {
      reserved += Math.abs(short.contract.strikeCents - long.contract.strikeCents) * 100 * c.quantity;
    }
  }
  return ctx.cashCents - reserved;
}

/** Sellers often give up a tick below the mid to get filled; buyers pay a tick above. */
function sellPrice(ctx: GenContext, mid: number): number {
  return ctx.rng.chance(0.3) ? Math.max(1, mid - tickCents(mid)) : mid;
}

function buyPrice(ctx: GenContext, mid: number): number {
  return ctx.rng.chance(0.3) ? mid + tickCents(mid) : mid;
}

function symbolsFor(role: StrategyRole, campaigns: readonly Campaign[], kind: CampaignKind) {
  const busy = new Set(campaigns.filter((c) => !c.closed && c.kind === kind).map((c) => c.symbol));
  return UNDERLYINGS.filter((u) => u.roles.includes(role) && !busy.has(u.symbol));
}

function openCashSecuredPut(ctx: GenContext, campaigns: readonly Campaign[]): Campaign | null {
  const choices = symbolsFor("wheel", campaigns, "csp");
  if (choices.length === 0) return null;
  const u = ctx.rng.pick(choices);
  const spot = spotCents(ctx, u.symbol);
  const strikeCents = roundDown(spot * (1 - ctx.rng.int(3, 11) / 100), u.strikeStepCents);
  const contract = contractFor(ctx, {
    symbol: u.symbol,
    type: "put",
    strikeCents,
    expirationDay: expiryInWeeks(ctx, 2, 6),
  });
  const mid = optionMidCents(ctx, contract);
  const affordable = Math.floor((freeCashCents(ctx, campaigns) * 0.45) / (strikeCents * 100));
  const quantity = Math.min(ctx.rng.int(1, 5), affordable);
  if (mid < 5 || quantity < 1) return null;
  return openCampaign(ctx, {
    kind: "csp",
    symbol: u.symbol,
    strategy: "short_put",
    legs: [{ contract, side: "short", priceCents: sellPrice(ctx, mid) }],
    quantity,
    formSource: "option_chain",
  });
}

/** Covered calls on shares no call covers yet (after an assignment or exercise). */
export function openCoveredCalls(ctx: GenContext, campaigns: readonly Campaign[]): Campaign[] {
  const opened: Campaign[] = [];
  for (const [symbol, holding] of [...ctx.holdings.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const covered = campaigns
      .filter((c) => !c.closed && c.kind === "cc" && c.symbol === symbol)
      .reduce((n, c) => n + c.quantity, 0);
    const free = Math.floor(holding.shares / 100) - covered;
    if (free < 1 || !canStartAction(ctx) || !ctx.rng.chance(0.6)) continue;
    const u = underlyingFor(symbol);
    const spot = spotCents(ctx, symbol);
    const basis = holding.costCents / holding.shares;
    const target = Math.max(spot * (1 + ctx.rng.int(2, 8) / 100), basis * 0.97);
    const strikeCents = roundUp(target, u.strikeStepCents);
    const contract = contractFor(ctx, {
      symbol,
      type: "call",
      strikeCents,
      expirationDay: expiryInWeeks(ctx, 1, 5),
    });
    const mid = optionMidCents(ctx, contract);
    if (mid < 3) continue;
    const quantity = free > 1 && ctx.rng.chance(0.25) ? ctx.rng.int(1, free) : free;
    const campaign = openCampaign(ctx, {
      kind: "cc",
      symbol,
      strategy: "short_call",
      legs: [{ contract, side: "short", priceCents: sellPrice(ctx, mid) }],
      quantity,
      formSource: "option_chain",
    });
    if (campaign) opened.push(campaign);
  }
  return opened;
}

function openCreditSpread(
  ctx: GenContext,
  campaigns: readonly Campaign[],
  type: "call" | "put",
): Campaign | null {
  const kind = type === "put" ? "put_spread" : "call_spread";
  const choices = symbolsFor("spreads", campaigns, kind);
  if (choices.length === 0) return null;
  const u = ctx.rng.pick(choices);
  const spot = spotCents(ctx, u.symbol);
  const distance = ctx.rng.int(3, 8) / 100;
  const width = u.strikeStepCents * ctx.rng.int(1, 2);
  const expirationDay = expiryInWeeks(ctx, 1, 5);
  const shortStrike =
    type === "put"
      ? roundDown(spot * (1 - distance), u.strikeStepCents)
      : roundUp(spot * (1 + distance), u.strikeStepCents);
  const longStrike = type === "put" ? shortStrike - width : shortStrike + width;
  const short = contractFor(ctx, { symbol: u.symbol, type, strikeCents: shortStrike, expirationDay });
  const long = contractFor(ctx, { symbol: u.symbol, type, strikeCents: longStrike, expirationDay });
  const shortMid = optionMidCents(ctx, short);
  const longMid = optionMidCents(ctx, long);
  const affordable = Math.floor((freeCashCents(ctx, campaigns) * 0.3) / (width * 100));
  const quantity = Math.min(ctx.rng.int(1, 5), affordable);
  if (shortMid - longMid < 5 || quantity < 1) return null;
  return openCampaign(ctx, {
    kind,
    symbol: u.symbol,
    strategy: creditSpreadStrategy(type),
    legs: [
      { contract: short, side: "short", priceCents: shortMid },
      { contract: long, side: "long", priceCents: longMid },
    ],
    quantity,
    formSource: "strategy_detail",
  });
}

function openLongOption(
  ctx: GenContext,
  campaigns: readonly Campaign[],
  type: "call" | "put",
): Campaign | null {
  const kind = type === "call" ? "long_call" : "long_put";
  const choices = symbolsFor(type === "call" ? "long_calls" : "long_puts", campaigns, kind);
  if (choices.length === 0) return null;
  const u = ctx.rng.pick(choices);
  const spot = spotCents(ctx, u.symbol);
  const offset = ctx.rng.int(0, 6) / 100;
  const strikeCents =
    type === "call"
      ? roundUp(spot * (1 + offset), u.strikeStepCents)
      : roundDown(spot * (1 - offset), u.strikeStepCents);
  const contract = contractFor(ctx, {
    symbol: u.symbol,
    type,
    strikeCents,
    expirationDay: expiryInWeeks(ctx, 3, 8),
  });
  const mid = optionMidCents(ctx, contract);
  const budget = Math.floor((freeCashCents(ctx, campaigns) * 0.05) / (mid * 100));
  const quantity = Math.min(ctx.rng.int(1, 3), budget);
  if (mid < 5 || quantity < 1) return null;
  return openCampaign(ctx, {
    kind,
    symbol: u.symbol,
    strategy: `long_${type}`,
    legs: [{ contract, side: "long", priceCents: buyPrice(ctx, mid) }],
    quantity,
    formSource: "option_chain",
  });
}

/** Maybe opens one new position of a randomly chosen kind. */
export function openNewCampaign(ctx: GenContext, campaigns: readonly Campaign[]): Campaign | null {
  if (!canStartAction(ctx)) return null;
  const kind = ctx.rng.weighted(OPEN_WEIGHTS);
  switch (kind) {
    case "csp":
      return openCashSecuredPut(ctx, campaigns);
    case "put_spread":
      return openCreditSpread(ctx, campaigns, "put");
    case "call_spread":
      return openCreditSpread(ctx, campaigns, "call");
    case "long_call":
      return openLongOption(ctx, campaigns, "call");
    case "long_put":
      return openLongOption(ctx, campaigns, "put");
    default:
      return null;
  }
}
