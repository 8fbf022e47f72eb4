import { dayFromIso, newYorkTimeMs } from "../market/calendar";
import { randomId, timePrefixedId } from "../market/ids";
import { tickCents } from "../market/option-pricing";
import { closeUs, type GenContext, nextActionUs } from "./context";
import type { SimContract, SimExecution, SimLeg, SimOrder } from "./types";

export interface LegIntent {
  contract: SimContract;
  side: "buy" | "sell";
  positionEffect: "open" | "close";
  ratio: number;
  /** Fill price per share in cents for this leg. */
  priceCents: number;
}

export interface OrderIntent {
  legs: LegIntent[];
  quantity: number;
  formSource: string;
  openingStrategy: string | null;
  closingStrategy: string | null;
  strategy: string;
  timeInForce?: "gfd" | "gtc";
}

/**
 * How an order ends. `filled` and `partial` produce executions; the others are orders that never
 * traded (cancelled by the user, expired at the close as GFD, or still working at "now").
 */
export type FillPlan =
  | { kind: "filled"; chunks?: number }
  | { kind: "partial"; filled: number }
  | { kind: "cancelled" }
  | { kind: "end_of_day" }
  | { kind: "working"; state: "confirmed" | "queued" };

/** Sale fees rose in 2025 (public 2023 vs 2025 rows show it); buys were charged less. */
const FEE_CHANGE_DAY = dayFromIso("2025-05-14");

export function feePerContractCents(side: "buy" | "sell", day: number): number {
  if (side === "sell") return day < FEE_CHANGE_DAY ? 4 : 5;
  return day < FEE_CHANGE_DAY ? 3 : 4;
}

/** Net price per share of one unit: sells add, buys subtract. Positive = credit. */
export function netCents(legs: readonly LegIntent[]): number {
  return legs.reduce((sum, leg) => sum + (leg.side === "sell" ? 1 : -1) * leg.priceCents * leg.ratio, 0);
}

function splitQuantity(ctx: GenContext, quantity: number, chunks: number): number[] {
  const parts: number[] = [];
  let left = quantity;
  for (let i = chunks; i > 1; i -= 1) {
    const part = ctx.rng.int(1, left - (i - 1));
    parts.push(part);
    left -= part;
  }
  parts.push(left);
  return parts;
}

/**
 * Prices of one fill: sometimes a tick better than the limit on the first leg that sells, but never
 * so much better that the net price reaches zero or changes side.
 */
function fillPrices(ctx: GenContext, legs: readonly LegIntent[]): number[] {
  const prices = legs.map((leg) => leg.priceCents);
  if (!ctx.rng.chance(0.12)) return prices;
  const index = legs.findIndex((leg) => leg.side === "sell");
  const price = prices[index];
  if (index < 0 || price === undefined) return prices;
  const improved = legs.map((leg, i) => ({
    ...leg,
    priceCents: i === index ? price + tickCents(price) : leg.priceCents,
  }));
  const before = netCents(legs);
  const after = netCents(improved);
  if (after === 0 || after > 0 !== before > 0) return prices;
  return improved.map((leg) => leg.priceCents);
}

/** Client idempotency key: a v4 UUID, uppercase when the order came from iOS (§3.2). */
function refId(ctx: GenContext): string {
  const id = randomId(ctx.idRng);
  return ctx.idRng.chance(0.2) ? id.toUpperCase() : id;
}

/** Builds the order, books its fills in the context and returns it. */
export function placeOrder(ctx: GenContext, intent: OrderIntent, plan: FillPlan): SimOrder {
  const createdAtUs = nextActionUs(ctx);
  const net = netCents(intent.legs);
  if (net === 0) throw new Error("an order needs a non-zero net price");
  const direction = net > 0 ? "credit" : "debit";
  const limitCents = Math.abs(net);
  const single = intent.legs.length === 1;
  // Quote at submission: the option's own bid/ask for one leg; the combo's buy-side value otherwise (§7.2).
  const quoteMid = single ? limitCents : -net;
  const halfSpread = tickCents(limitCents) * ctx.rng.int(1, 4);

  const legs: SimLeg[] = intent.legs.map((leg) => ({
    id: timePrefixedId(ctx.idRng, createdAtUs / 1000),
    contract: leg.contract,
    side: leg.side,
    positionEffect: leg.positionEffect,
    ratio: leg.ratio,
    executions: [],
  }));

  const filledQuantity =
    plan.kind === "filled"
      ? intent.quantity
      : plan.kind === "partial"
        ? Math.min(plan.filled, intent.quantity - 1)
        : 0;
  let lastUs = createdAtUs;
  if (filledQuantity > 0) {
    const chunks = plan.kind === "filled" ? Math.min(plan.chunks ?? 1, filledQuantity) : 1;
    for (const quantity of splitQuantity(ctx, filledQuantity, chunks)) {
      lastUs += ctx.rng.int(300, 4_000) * 1000 + ctx.rng.int(0, 999);
      const timestampUs = Math.floor(lastUs / 1000) * 1000;
      const prices = fillPrices(ctx, intent.legs);
      legs.forEach((leg, index) => {
        const execution: SimExecution = {
          id: timePrefixedId(ctx.idRng, timestampUs / 1000),
          priceCents: prices[index] ?? leg.contract.strikeCents,
          quantity: quantity * leg.ratio,
          timestampUs,
          feeCents: feePerContractCents(leg.side, ctx.day) * quantity * leg.ratio,
        };
        leg.executions.push(execution);
        ctx.cashCents += (leg.side === "sell" ? 1 : -1) * execution.priceCents * 100 * execution.quantity;
        ctx.cashCents -= execution.feeCents;
      });
    }
  }

  let state: SimOrder["state"] = "filled";
  // Filled orders carry a null category in every captured sample (§7.1, §7.2).
  let responseCategory: string | null = null;
  let updatedAtUs = lastUs + ctx.rng.int(100, 600) * 1000 + ctx.rng.int(0, 999);
  if (plan.kind === "partial" || plan.kind === "cancelled") {
    state = "cancelled";
    responseCategory = null;
    // Cancelled by the user some minutes later, but before the close.
    const wait = ctx.rng.int(3, 40) * 60_000_000 + ctx.rng.int(0, 59_999_999);
    updatedAtUs = Math.max(
      lastUs + ctx.rng.int(2_000_000, 9_000_000),
      Math.min(lastUs + wait, closeUs(ctx) - 30_000_000),
    );
  } else if (plan.kind === "end_of_day") {
    state = "cancelled";
    responseCategory = "end_of_day";
    updatedAtUs = newYorkTimeMs(ctx.day, 16 * 60) * 1000 + ctx.rng.int(1_000, 900_000_000);
  } else if (plan.kind === "working") {
    state = plan.state;
    responseCategory = null;
    updatedAtUs = createdAtUs + ctx.rng.int(200, 900) * 1000;
  }
  // Later actions that day start after the trader is done with this order (GFD expiries and
  // working orders end at or after the close without holding the trader up).
  if (plan.kind !== "end_of_day" && plan.kind !== "working") {
    ctx.lastActionUs = Math.max(ctx.lastActionUs, updatedAtUs);
    ctx.minute = Math.max(ctx.minute, Math.floor((updatedAtUs / 1000 - newYorkTimeMs(ctx.day, 0)) / 60_000));
  }

  const order: SimOrder = {
    id: timePrefixedId(ctx.idRng, createdAtUs / 1000),
    refId: refId(ctx),
    accountNumber: ctx.account.accountNumber,
    symbol: intent.legs[0]?.contract.symbol ?? "",
    chainId: intent.legs[0]?.contract.chainId ?? "",
    direction,
    limitCents,
    quantity: intent.quantity,
    legs,
    state,
    responseCategory,
    timeInForce: intent.timeInForce ?? "gfd",
    formSource: intent.formSource,
    openingStrategy: intent.openingStrategy,
    closingStrategy: intent.closingStrategy,
    strategy: intent.strategy,
    clientBidCents: quoteMid - halfSpread,
    clientAskCents: quoteMid + halfSpread,
    createdAtUs,
    updatedAtUs,
  };
  ctx.orders.push(order);
  return order;
}
