import {
  addDecimals,
  compareDecimals,
  displayDecimal,
  displayMoney,
  negateDecimal,
  signOfDecimal,
} from "@/lib/money";
import { type PortfolioGreeks, type PositionRisk, portfolioGreeks } from "@/lib/risk";
import { UNKNOWN_GROUP } from "../grouping";
import { breakdownGroupLabel, compareBreakdownKeys, type MoneyBreakdown } from "./breakdown-groups";
import type { BreakdownGrouping, GreekMetric } from "./explained-metrics";
import type { Formula, WorkedExample, WorkedStep } from "./formula";

/**
 * Portfolio delta dollars and theta per day, explained. Every number here comes from `lib/risk`:
 * `positionRisk` turns one position's Greeks into its exposure and `portfolioGreeks` adds exposures;
 * this file only groups positions and lays those results out, so the Risk page and its breakdowns
 * cannot disagree about a rule.
 */

/** The portfolio figure of `lib/risk` each Greek metric explains. */
export const GREEK_FIGURE = {
  delta: "deltaDollars",
  theta: "thetaPerDay",
} as const satisfies Record<GreekMetric, keyof PortfolioGreeks>;

/** Delta dollars' rule, computed by `positionRisk` and `portfolioGreeks` (lib/risk). */
export const DELTA_DOLLARS_FORMULA: Formula = {
  expression: "Delta dollars = Σ delta × multiplier × contracts × underlying price",
  rule: ["long: contracts > 0", "short: contracts < 0 (a short call's delta dollars are negative)"],
  where: [
    { term: "delta", meaning: "per share, as market data sent it with the contract's latest mark" },
    { term: "multiplier", meaning: "shares per contract: 100, or another number after an adjustment" },
    { term: "underlying price", meaning: "the underlying's latest quote" },
    {
      term: "left out",
      meaning: "a position without Greeks or without a quote: never added as 0, listed below",
    },
  ],
};

/** Theta per day's rule, computed by `positionRisk` and `portfolioGreeks` (lib/risk). */
export const THETA_PER_DAY_FORMULA: Formula = {
  expression: "Theta per day = Σ theta × multiplier × contracts",
  rule: [
    "long: contracts > 0 (time decay costs a long position)",
    "short: contracts < 0 (a short collects it)",
  ],
  where: [
    {
      term: "theta",
      meaning: "per share per calendar day, as market data sent it with the contract's latest mark",
    },
    { term: "multiplier", meaning: "shares per contract: 100, or another number after an adjustment" },
    { term: "left out", meaning: "a position without Greeks: never added as 0, listed below" },
  ],
};

/** One open option position as the Risk page read it, with the keys it can be grouped by. */
export type GreekComponent = {
  id: string;
  underlying: string;
  /** The chain's strategy label; null when the chain has none. */
  strategy: string | null;
  expiration: string;
  multiplier: string;
  /** Contracts, signed: negative for a short. */
  quantity: string;
  underlyingPrice: string | null;
  risk: Pick<PositionRisk, "greeks" | "exposure">;
};

/** The figure `metric` explains for one position, as `lib/risk` computed it; null when left out. */
export function greekFigureOf(metric: GreekMetric, component: Pick<GreekComponent, "risk">): string | null {
  return component.risk.exposure[GREEK_FIGURE[metric]];
}

export function greekGroupKey(component: GreekComponent, grouping: BreakdownGrouping): string {
  switch (grouping) {
    case "underlying":
      return component.underlying;
    case "strategy":
      return component.strategy ?? UNKNOWN_GROUP;
    case "expiration":
      return component.expiration;
    case "month":
      // An open position has not closed: the Greek metrics do not offer month (explained-metrics.ts).
      throw new Error("an open position has no close month to group by");
  }
}

export type GreekBreakdown = MoneyBreakdown & {
  /** Positions left out of every row and of the total (no Greeks, or no quote for delta dollars). */
  missing: number;
};

/**
 * The positions that carry the figure, summed per group by `portfolioGreeks`, and the totals row:
 * `portfolioGreeks` over all of them, the Risk page's figure. A group whose every position is left
 * out has no row (a "$0.00" would read as flat, not unknown).
 */
export function greekBreakdown(
  metric: GreekMetric,
  grouping: BreakdownGrouping,
  components: readonly GreekComponent[],
): GreekBreakdown {
  const figure = GREEK_FIGURE[metric];
  const groups = new Map<string, GreekComponent[]>();
  for (const component of components) {
    if (greekFigureOf(metric, component) === null) continue;
    const key = greekGroupKey(component, grouping);
    const group = groups.get(key);
    if (group) group.push(component);
    else groups.set(key, [component]);
  }
  const rows = [...groups.entries()]
    .sort(([a], [b]) => compareBreakdownKeys(grouping, a, b))
    .map(([key, members]) => {
      const sum = portfolioGreeks(members.map((member) => member.risk))[figure];
      return { key, label: breakdownGroupLabel(grouping, key), value: sum.total, count: sum.positions };
    });
  const total = portfolioGreeks(components.map((component) => component.risk))[figure];
  return { rows, total: total.total, count: total.positions, missing: total.missing };
}

/** The position that moves the figure most (largest size either way), ties by id: the example. */
export function greekExampleOf(
  metric: GreekMetric,
  components: readonly GreekComponent[],
): GreekComponent | null {
  const size = (component: GreekComponent) => {
    const value = greekFigureOf(metric, component) ?? "0";
    return signOfDecimal(value) === "negative" ? negateDecimal(value) : value;
  };
  const candidates = components.filter((component) => greekFigureOf(metric, component) !== null);
  const sorted = [...candidates].sort(
    (a, b) => compareDecimals(size(b), size(a)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return sorted[0] ?? null;
}

// Exposures are exact products (a six-place delta × a four-place price has at most ten places).
const exact = (value: string) => displayDecimal(value, { maxDigits: 12 });
const signedMoney = (value: string) => displayMoney(value, { signed: true });

/**
 * `example`'s figure step by step, then the other positions' sum and the portfolio total: the check
 * is that this position plus the others is exactly the Risk page's figure (`portfolioTotal`). Each
 * value shown is what `lib/risk` computed; the arithmetic column shows the numbers it multiplied.
 */
export function explainGreekExposure(options: {
  metric: GreekMetric;
  example: GreekComponent;
  components: readonly GreekComponent[];
  portfolioTotal: string;
}): WorkedExample {
  const { metric, example, components } = options;
  const figure = GREEK_FIGURE[metric];
  const value = greekFigureOf(metric, example);
  const greeks = example.risk.greeks;
  if (value === null || greeks === null)
    throw new Error("the worked example needs a position with the figure");
  const contracts = `${example.multiplier} × ${example.quantity}`;
  const steps: WorkedStep[] = [];
  if (metric === "delta") {
    const delta = greeks.delta ?? "";
    const shares = example.risk.exposure.deltaShares ?? "";
    steps.push(
      { label: "Delta per share (latest mark)", arithmetic: "market data", value: exact(delta) },
      {
        label: "× multiplier × signed contracts = delta in shares",
        arithmetic: `${exact(delta)} × ${contracts}`,
        value: exact(shares),
      },
      {
        label: "× underlying price = delta dollars",
        arithmetic: `${exact(shares)} × ${exact(example.underlyingPrice ?? "")}`,
        value: signedMoney(value),
      },
    );
  } else {
    const theta = greeks.theta ?? "";
    steps.push(
      { label: "Theta per share per day (latest mark)", arithmetic: "market data", value: exact(theta) },
      {
        label: "× multiplier × signed contracts = theta per day",
        arithmetic: `${exact(theta)} × ${contracts}`,
        value: signedMoney(value),
      },
    );
  }
  const others = portfolioGreeks(
    components.filter((component) => component.id !== example.id).map((component) => component.risk),
  )[figure];
  const result = addDecimals(value, others.total);
  steps.push(
    {
      label: `+ the other ${others.positions} ${others.positions === 1 ? "position" : "positions"}`,
      arithmetic: `Σ over ${others.positions}${others.missing > 0 ? ` (${others.missing} left out)` : ""}`,
      value: signedMoney(others.total),
    },
    {
      label: "= the portfolio's figure",
      arithmetic: `${exact(value)} + ${exact(others.total)}`,
      value: signedMoney(result),
    },
  );
  return {
    steps,
    result,
    stored: options.portfolioTotal,
    agrees: compareDecimals(result, options.portfolioTotal) === 0,
  };
}
