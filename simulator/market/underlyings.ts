/**
 * The stocks the generated trader uses. Names and CUSIPs are the public ones (they appear in the
 * activity report's stock rows); prices, volatility and ids are simulation parameters.
 */
export type StrategyRole = "wheel" | "spreads" | "long_calls" | "long_puts";

export interface Underlying {
  symbol: string;
  /** `simple_name`, used as the first line of the report's stock descriptions. */
  simpleName: string;
  name: string;
  cusip: string;
  /** Fixed instrument id (AAPL's is the real public one, §7.6); others are derived from the seed. */
  instrumentId?: string;
  startPriceCents: number;
  volatility: number;
  /** Annual drift of the simulated price path. */
  drift: number;
  strikeStepCents: number;
  roles: readonly StrategyRole[];
}

export const UNDERLYINGS: readonly Underlying[] = [
  {
    symbol: "SOFI",
    simpleName: "SoFi",
    name: "SoFi Technologies, Inc. Common Stock",
    cusip: "83406F102",
    startPriceCents: 1_050,
    volatility: 0.55,
    drift: 0.15,
    strikeStepCents: 50,
    roles: ["wheel", "long_calls"],
  },
  {
    symbol: "F",
    simpleName: "Ford",
    name: "Ford Motor Company Common Stock",
    cusip: "345370860",
    startPriceCents: 1_120,
    volatility: 0.32,
    drift: 0.02,
    strikeStepCents: 50,
    roles: ["wheel"],
  },
  {
    symbol: "PLTR",
    simpleName: "Palantir",
    name: "Palantir Technologies Inc. Class A Common Stock",
    cusip: "69608A108",
    startPriceCents: 2_650,
    volatility: 0.6,
    drift: 0.25,
    strikeStepCents: 100,
    roles: ["wheel", "long_calls"],
  },
  {
    symbol: "INTC",
    simpleName: "Intel",
    name: "Intel Corporation Common Stock",
    cusip: "458140100",
    startPriceCents: 2_240,
    volatility: 0.42,
    drift: -0.05,
    strikeStepCents: 50,
    roles: ["wheel"],
  },
  {
    symbol: "AAPL",
    simpleName: "Apple",
    name: "Apple Inc. Common Stock",
    cusip: "037833100",
    instrumentId: "450dfc6d-5510-4d40-abfb-f633b7d9be3e",
    startPriceCents: 22_480,
    volatility: 0.24,
    drift: 0.08,
    strikeStepCents: 500,
    roles: ["spreads", "long_calls"],
  },
  {
    symbol: "AMD",
    simpleName: "AMD",
    name: "Advanced Micro Devices, Inc. Common Stock",
    cusip: "007903107",
    startPriceCents: 15_620,
    volatility: 0.45,
    drift: 0.06,
    strikeStepCents: 500,
    roles: ["spreads", "long_calls"],
  },
  {
    symbol: "SPY",
    simpleName: "SPDR S&P 500 ETF",
    name: "SPDR S&P 500 ETF Trust",
    cusip: "78462F103",
    startPriceCents: 56_840,
    volatility: 0.16,
    drift: 0.08,
    strikeStepCents: 500,
    roles: ["spreads", "long_puts"],
  },
];

export function underlyingFor(symbol: string): Underlying {
  const found = UNDERLYINGS.find((u) => u.symbol === symbol);
  if (!found) throw new Error(`unknown underlying ${symbol}`);
  return found;
}
