/**
 * Black–Scholes for plausible premiums and greeks. Floats are fine here: the model only proposes a
 * price, which is rounded to a whole tick in cents before any money is computed from it.
 */
const RATE = 0.04;

function normCdf(x: number): number {
  // Abramowitz–Stegun 7.1.26; deterministic and accurate to ~1e-7.
  const t = 1 / (1 + 0.3275911 * Math.abs(x / Math.SQRT2));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function normPdf(x: number): number {
  return Math.exp(-(x * x) / 2) / Math.sqrt(2 * Math.PI);
}

export interface PricingInput {
  type: "call" | "put";
  spot: number;
  strike: number;
  /** Years to expiry; 0 means at expiry (intrinsic value). */
  years: number;
  volatility: number;
}

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  theta: number;
  vega: number;
  rho: number;
}

export function blackScholes(input: PricingInput): Greeks {
  const { type, spot, strike, volatility } = input;
  const years = Math.max(input.years, 0);
  if (years < 1e-6) {
    const intrinsic = type === "call" ? Math.max(0, spot - strike) : Math.max(0, strike - spot);
    const itm = intrinsic > 0;
    return {
      price: intrinsic,
      delta: itm ? (type === "call" ? 1 : -1) : 0,
      gamma: 0,
      theta: 0,
      vega: 0,
      rho: 0,
    };
  }
  const sqrtT = Math.sqrt(years);
  const d1 =
    (Math.log(spot / strike) + (RATE + (volatility * volatility) / 2) * years) / (volatility * sqrtT);
  const d2 = d1 - volatility * sqrtT;
  const discount = Math.exp(-RATE * years);
  const gamma = normPdf(d1) / (spot * volatility * sqrtT);
  const vega = (spot * normPdf(d1) * sqrtT) / 100;
  if (type === "call") {
    const price = spot * normCdf(d1) - strike * discount * normCdf(d2);
    const theta =
      (-(spot * normPdf(d1) * volatility) / (2 * sqrtT) - RATE * strike * discount * normCdf(d2)) / 365;
    return {
      price,
      delta: normCdf(d1),
      gamma,
      theta,
      vega,
      rho: (strike * years * discount * normCdf(d2)) / 100,
    };
  }
  const price = strike * discount * normCdf(-d2) - spot * normCdf(-d1);
  const theta =
    (-(spot * normPdf(d1) * volatility) / (2 * sqrtT) + RATE * strike * discount * normCdf(-d2)) / 365;
  return {
    price,
    delta: normCdf(d1) - 1,
    gamma,
    theta,
    vega,
    rho: (-strike * years * discount * normCdf(-d2)) / 100,
  };
}

/** Penny increments below $3, nickels above (min_ticks of §3.4). */
export function tickCents(priceCents: number): number {
  return priceCents < 300 ? 1 : 5;
}

/** Rounds a model price (dollars) to a valid tick in cents, never below one cent. */
export function toTickCents(dollars: number): number {
  const cents = Math.max(1, Math.round(dollars * 100));
  const tick = tickCents(cents);
  return Math.max(1, Math.round(cents / tick) * tick);
}
