import type { Micro } from "@/lib/money";
import type { StrategyLabel } from "../result-types";
import type { Direction, OptionType } from "../types";

/**
 * The rule tables that name a strategy from its legs, in one place (docs/pnl-engine.md shows them
 * as tables). A strategy's legs are the contracts it opened, one per (contract, direction), with
 * the quantity opened; rules read only their shape: call/put, long/short, strike, expiration and
 * relative quantity, never prices.
 */

export interface LegShape {
  optionType: OptionType;
  direction: Direction;
  strike: Micro;
  expirationDay: number;
  quantity: Micro;
}

/** One leg alone. A lone short put is cash-secured; a lone short call is covered when shares cover it. */
export const SINGLE_LEG: Record<`${Direction} ${OptionType}`, StrategyLabel> = {
  "long call": "long-call",
  "short call": "short-call",
  "long put": "long-put",
  "short put": "cash-secured-put",
};

/**
 * Two legs, same call/put and expiration, opposite directions, equal quantities, different strikes:
 * a vertical, named by the direction of its lower strike: long lower strike is bullish for both
 * (a bull call spread pays a debit, a bull put spread takes a credit), short lower strike bearish.
 */
export const VERTICAL: Record<`${OptionType} lower ${Direction}`, StrategyLabel> = {
  "call lower long": "bull-call-spread",
  "call lower short": "bear-call-spread",
  "put lower long": "bull-put-spread",
  "put lower short": "bear-put-spread",
};

/** Two legs, a call and a put, same direction, expiration and quantity: same strike or not. */
export const CALL_AND_PUT: Record<`${Direction} ${"same" | "different"} strike`, StrategyLabel> = {
  "long same strike": "long-straddle",
  "short same strike": "short-straddle",
  "long different strike": "long-strangle",
  "short different strike": "short-strangle",
};

/** Two legs, same call/put, opposite directions, equal quantities, different expirations. */
export const TWO_EXPIRATIONS: Record<`${"same" | "different"} strike`, StrategyLabel> = {
  "same strike": "calendar",
  "different strike": "diagonal",
};

/** Display names, for pages and the CLI. */
export const STRATEGY_NAMES: Record<StrategyLabel, string> = {
  "long-call": "Long call",
  "short-call": "Short call",
  "long-put": "Long put",
  "short-put": "Short put",
  "cash-secured-put": "Cash-secured put",
  "covered-call": "Covered call",
  "bull-call-spread": "Bull call spread (debit)",
  "bear-call-spread": "Bear call spread (credit)",
  "bull-put-spread": "Bull put spread (credit)",
  "bear-put-spread": "Bear put spread (debit)",
  "long-straddle": "Long straddle",
  "short-straddle": "Short straddle",
  "long-strangle": "Long strangle",
  "short-strangle": "Short strangle",
  "iron-condor": "Iron condor",
  "iron-butterfly": "Iron butterfly",
  butterfly: "Butterfly",
  calendar: "Calendar",
  diagonal: "Diagonal",
  ratio: "Ratio spread",
  custom: "Custom",
};

export const STRATEGY_LABELS = Object.keys(STRATEGY_NAMES) as StrategyLabel[];

/**
 * Names the strategy of `legs` (one per contract and direction). `coveredBy` answers, for a lone
 * short call, whether the account held enough shares when it opened (see shares-held.ts).
 */
export function classifyStrategy(legs: readonly LegShape[], coveredBy: () => boolean): StrategyLabel {
  const sorted = [...legs].sort(byTypeExpiryStrike);
  if (sorted.length === 1) {
    const leg = sorted[0] as LegShape;
    if (leg.optionType === "call" && leg.direction === "short") {
      return coveredBy() ? "covered-call" : "short-call";
    }
    return SINGLE_LEG[`${leg.direction} ${leg.optionType}`];
  }
  if (sorted.length === 2) return twoLegs(sorted[0] as LegShape, sorted[1] as LegShape);
  if (sorted.length === 3) return butterfly(sorted) ? "butterfly" : "custom";
  if (sorted.length === 4) return ironFourLegs(sorted);
  return "custom";
}

function twoLegs(a: LegShape, b: LegShape): StrategyLabel {
  const equal = a.quantity === b.quantity;
  if (a.optionType !== b.optionType) {
    if (a.direction !== b.direction || a.expirationDay !== b.expirationDay || !equal) return "custom";
    return CALL_AND_PUT[`${a.direction} ${a.strike === b.strike ? "same" : "different"} strike`];
  }
  if (a.direction === b.direction) return "custom";
  if (a.expirationDay === b.expirationDay) {
    if (a.strike === b.strike) return "custom";
    // Sorted by strike: `a` is the lower one.
    return equal ? VERTICAL[`${a.optionType} lower ${a.direction}`] : "ratio";
  }
  if (!equal) return "custom";
  return TWO_EXPIRATIONS[`${a.strike === b.strike ? "same" : "different"} strike`];
}

/** Three strikes of one call/put and expiration, quantities 1 : 2 : 1, the middle one opposite. */
function butterfly(legs: readonly LegShape[]): boolean {
  const [low, middle, high] = legs as [LegShape, LegShape, LegShape];
  return (
    low.optionType === high.optionType &&
    low.optionType === middle.optionType &&
    low.expirationDay === middle.expirationDay &&
    middle.expirationDay === high.expirationDay &&
    low.strike < middle.strike &&
    middle.strike < high.strike &&
    low.direction === high.direction &&
    middle.direction !== low.direction &&
    low.quantity === high.quantity &&
    middle.quantity === low.quantity * 2
  );
}

/**
 * Two puts and two calls of one expiration and quantity: a put vertical below (or touching) a call
 * vertical, inner strikes of one direction and wings of the other. Inner strikes equal: iron
 * butterfly; apart: iron condor (long or short alike; the position's cash says credit or debit).
 */
function ironFourLegs(legs: readonly LegShape[]): StrategyLabel {
  const [lowPut, highPut, lowCall, highCall] = legs as [LegShape, LegShape, LegShape, LegShape];
  const sameShape =
    lowPut.optionType === "put" &&
    highPut.optionType === "put" &&
    lowCall.optionType === "call" &&
    highCall.optionType === "call" &&
    legs.every((leg) => leg.expirationDay === lowPut.expirationDay && leg.quantity === lowPut.quantity) &&
    lowPut.strike < highPut.strike &&
    lowCall.strike < highCall.strike &&
    highPut.strike <= lowCall.strike &&
    highPut.direction === lowCall.direction &&
    lowPut.direction === highCall.direction &&
    lowPut.direction !== highPut.direction;
  if (!sameShape) return "custom";
  return highPut.strike === lowCall.strike ? "iron-butterfly" : "iron-condor";
}

// Defined once: a comparator made per call is compiled again after every recompute.
function byTypeExpiryStrike(a: LegShape, b: LegShape): number {
  return (
    (a.optionType === b.optionType ? 0 : a.optionType === "put" ? -1 : 1) ||
    a.expirationDay - b.expirationDay ||
    a.strike - b.strike
  );
}
