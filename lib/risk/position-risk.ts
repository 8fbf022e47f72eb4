import { daysToExpiration } from "@/lib/analytics";
import {
  canonicalDecimal,
  divideDecimals,
  multiplyDecimals,
  signOfDecimal,
  subtractDecimals,
} from "@/lib/money";
import { expiresThisWeek, hasAssignmentRisk, type Moneyness, moneynessOf } from "./risk-rules";

/** Market data's model values for one contract, per share as for a long position; null when not sent. */
export type ContractGreeks = {
  delta: string | null;
  gamma: string | null;
  theta: string | null;
  vega: string | null;
  /** As a fraction: 0.25 is 25 %. */
  impliedVolatility: string | null;
};

export type PositionRiskInput = {
  optionType: "call" | "put";
  strike: string;
  /** `YYYY-MM-DD`. */
  expiration: string;
  /** Shares per contract (100 for a standard contract, other values after adjustments). */
  multiplier: string;
  side: "LONG" | "SHORT";
  /** Contracts, signed: negative for a short. */
  quantity: string;
  /** The latest mark's Greeks; null when the contract has no mark at all. */
  greeks: ContractGreeks | null;
  /** The underlying's latest quote; null when none is stored. */
  underlyingPrice: string | null;
};

/** Why a position shows "—" instead of its Greeks. */
export type MissingGreeksReason = "expired" | "no-market-data" | "not-sent";

/** Why a position has no distance to strike, moneyness or delta in dollars. */
export type MissingPriceReason = "no-quote";

/** A position's exposure: the per-share Greek × multiplier × signed contracts (× price for dollars). */
export type PositionExposure = {
  /** Share-equivalent delta: how many shares the position moves like. */
  deltaShares: string | null;
  /**
   * Delta × multiplier × contracts × underlying price: the dollars of stock the position behaves
   * like (a 1 % move of the underlying changes its value by about 1 % of this).
   */
  deltaDollars: string | null;
  /** Change in share-equivalent delta for a $1 move of the underlying. */
  gammaShares: string | null;
  /** Dollars the position gains (positive) or loses per calendar day from time decay. */
  thetaPerDay: string | null;
  /** Dollars per one percentage point rise of implied volatility. */
  vegaPerVolPoint: string | null;
};

export type PositionRisk = {
  /** Calendar days to expiration from today; negative once past it. */
  daysToExpiration: number;
  expiresThisWeek: boolean;
  greeks: ContractGreeks | null;
  missingGreeks: MissingGreeksReason | null;
  exposure: PositionExposure;
  moneyness: Moneyness | null;
  /** Strike − underlying price: how far (and which way) the stock must move to reach the strike. */
  distanceToStrike: string | null;
  /** The same as a fraction of the underlying's price, four places (a percentage with two). */
  distanceToStrikeFraction: string | null;
  missingPrice: MissingPriceReason | null;
  /** Short, in the money, expiring within `ASSIGNMENT_RISK_MAX_DAYS`; null when the price is unknown. */
  assignmentRisk: boolean | null;
};

const NO_EXPOSURE: PositionExposure = {
  deltaShares: null,
  deltaDollars: null,
  gammaShares: null,
  thetaPerDay: null,
  vegaPerVolPoint: null,
};

/** Everything "risk now" says about one open option position, exactly (no rounding). */
export function positionRisk(position: PositionRiskInput, today: string): PositionRisk {
  const days = daysToExpiration(today, position.expiration);
  const price = position.underlyingPrice;
  const moneyness =
    price === null
      ? null
      : moneynessOf({ optionType: position.optionType, strike: position.strike, underlyingPrice: price });
  const distance = price === null ? null : canonicalDecimal(subtractDecimals(position.strike, price));
  const missingGreeks = missingGreeksReason(position, days);
  const greeks = missingGreeks === null ? position.greeks : null;
  return {
    daysToExpiration: days,
    expiresThisWeek: expiresThisWeek(today, position.expiration),
    greeks,
    missingGreeks,
    exposure: greeks ? exposureOf(position, greeks) : NO_EXPOSURE,
    moneyness,
    distanceToStrike: distance,
    distanceToStrikeFraction:
      distance === null || price === null || signOfDecimal(price) === "zero"
        ? null
        : divideDecimals(distance, price, 4, "half-away-from-zero"),
    missingPrice: price === null ? "no-quote" : null,
    assignmentRisk:
      moneyness === null
        ? null
        : hasAssignmentRisk({ side: position.side, moneyness, daysToExpiration: days }),
  };
}

function missingGreeksReason(position: PositionRiskInput, days: number): MissingGreeksReason | null {
  // Past expiry a contract has no live market: an old mark's Greeks would describe a day long gone.
  if (days < 0) return "expired";
  if (position.greeks === null) return "no-market-data";
  const { delta, gamma, theta, vega, impliedVolatility } = position.greeks;
  return [delta, gamma, theta, vega, impliedVolatility].every((value) => value === null) ? "not-sent" : null;
}

function exposureOf(position: PositionRiskInput, greeks: ContractGreeks): PositionExposure {
  const perShare = (greek: string | null) =>
    greek === null ? null : multiplyDecimals(greek, position.multiplier, position.quantity);
  const deltaShares = perShare(greeks.delta);
  return {
    deltaShares,
    deltaDollars:
      deltaShares === null || position.underlyingPrice === null
        ? null
        : multiplyDecimals(deltaShares, position.underlyingPrice),
    gammaShares: perShare(greeks.gamma),
    thetaPerDay: perShare(greeks.theta),
    vegaPerVolPoint: perShare(greeks.vega),
  };
}
