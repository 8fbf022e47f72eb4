import type { SimContract } from "./types";

export type PositionSide = "long" | "short";

/** `short_put`, `long_call`, … the strategy name of one open position. */
export function singleLegStrategy(side: PositionSide, contract: SimContract): string {
  return `${side}_${contract.type}`;
}

/** A credit vertical (short leg closer to the money): `short_put_spread` / `short_call_spread`. */
export function creditSpreadStrategy(type: "call" | "put"): string {
  return `short_${type}_spread`;
}

interface TradedLeg {
  contract: SimContract;
  side: "buy" | "sell";
}

/**
 * The strategy name of a two-leg order as traded (§3.2 names, §7.2 for the roll labels): vertical
 * when the expiries match, calendar when the strikes match, otherwise `custom` (a diagonal roll has
 * no name of its own; robinhood-api.md §8.1 leaves it open and `custom` is the catch-all).
 */
export function twoLegStrategy(a: TradedLeg, b: TradedLeg): string {
  const type = a.contract.type;
  if (b.contract.type !== type) return "custom";
  const buy = a.side === "buy" ? a : b;
  const sell = a.side === "buy" ? b : a;
  if (buy.side === sell.side) return "custom";
  if (buy.contract.expirationDay === sell.contract.expirationDay) {
    const bullish = buy.contract.strikeCents < sell.contract.strikeCents;
    // Calls: buying the lower strike is the debit spread. Puts: buying the higher strike is.
    const debit = type === "call" ? bullish : !bullish;
    return `${debit ? "long" : "short"}_${type}_spread`;
  }
  if (buy.contract.strikeCents === sell.contract.strikeCents) {
    const buysLater = buy.contract.expirationDay > sell.contract.expirationDay;
    return `${buysLater ? "long" : "short"}_${type}_calendar_spread`;
  }
  return "custom";
}

/** The position a leg trades, named as an order of that one leg would be (`buy` → long). */
export function tradedAs(leg: TradedLeg): string {
  return `${leg.side === "buy" ? "long" : "short"}_${leg.contract.type}`;
}
