import { describe, expect, it } from "vitest";
import {
  explainGreekExposure,
  type GreekComponent,
  greekBreakdown,
  greekExampleOf,
} from "@/lib/analytics/explain";
import { type ContractGreeks, portfolioGreeks, positionRisk } from "@/lib/risk";

const TODAY = "2026-12-03";

/** An open position run through lib/risk, as the Risk page reads it. */
function position(options: {
  id: string;
  underlying: string;
  strategy: string | null;
  optionType: "call" | "put";
  strike: string;
  expiration: string;
  quantity: string;
  greeks: Pick<ContractGreeks, "delta" | "theta"> | null;
  underlyingPrice: string | null;
}): GreekComponent {
  const side = options.quantity.startsWith("-") ? "SHORT" : "LONG";
  const greeks = options.greeks
    ? { ...options.greeks, gamma: "0.01", vega: "0.1", impliedVolatility: "0.3" }
    : null;
  return {
    id: options.id,
    underlying: options.underlying,
    strategy: options.strategy,
    expiration: options.expiration,
    multiplier: "100",
    quantity: options.quantity,
    underlyingPrice: options.underlyingPrice,
    risk: positionRisk(
      {
        optionType: options.optionType,
        strike: options.strike,
        expiration: options.expiration,
        multiplier: "100",
        side,
        quantity: options.quantity,
        greeks,
        underlyingPrice: options.underlyingPrice,
      },
      TODAY,
    ),
  };
}

// Delta dollars: −0.271406 × 100 × −2 × 262.50 = 14,248.815; theta: −0.041208 × 100 × −2 = 8.2416.
const shortPut = position({
  id: "a",
  underlying: "AAPL",
  strategy: "cash-secured-put",
  optionType: "put",
  strike: "250",
  expiration: "2026-12-18",
  quantity: "-2",
  greeks: { delta: "-0.271406", theta: "-0.041208" },
  underlyingPrice: "262.50",
});
// 0.35 × 100 × 1 × 262.50 = 9,187.5; theta −0.05 × 100 × 1 = −5.
const longCall = position({
  id: "b",
  underlying: "AAPL",
  strategy: null,
  optionType: "call",
  strike: "270",
  expiration: "2027-01-15",
  quantity: "1",
  greeks: { delta: "0.35", theta: "-0.05" },
  underlyingPrice: "262.50",
});
// 0.4 × 100 × −3 × 14.20 = −1,704; theta −0.02 × 100 × −3 = 6.
const coveredCall = position({
  id: "c",
  underlying: "SOFI",
  strategy: "covered-call",
  optionType: "call",
  strike: "15",
  expiration: "2026-12-18",
  quantity: "-3",
  greeks: { delta: "0.4", theta: "-0.02" },
  underlyingPrice: "14.20",
});
// No market data yet: in neither figure.
const unmarked = position({
  id: "d",
  underlying: "SOFI",
  strategy: "cash-secured-put",
  optionType: "put",
  strike: "12",
  expiration: "2026-12-11",
  quantity: "-1",
  greeks: null,
  underlyingPrice: "14.20",
});
// Greeks but no quote: theta −0.1 × 100 × 1 = −10 counts, delta dollars cannot be known.
const unquoted = position({
  id: "e",
  underlying: "TSLA",
  strategy: null,
  optionType: "call",
  strike: "400",
  expiration: "2027-01-15",
  quantity: "1",
  greeks: { delta: "0.5", theta: "-0.1" },
  underlyingPrice: null,
});
const ALL = [shortPut, longCall, coveredCall, unmarked, unquoted];

const rowsOf = (breakdown: ReturnType<typeof greekBreakdown>) =>
  breakdown.rows.map((row) => [row.label, row.value, row.count]);

describe("delta dollars and theta per day, grouped", () => {
  it("groups delta dollars by underlying exactly; the totals row is the Risk page's portfolio figure", () => {
    const breakdown = greekBreakdown("delta", "underlying", ALL);
    // TSLA's only position has no quote, so TSLA has no row rather than a $0 that would read as flat.
    expect(rowsOf(breakdown)).toEqual([
      ["AAPL", "23436.315", 2],
      ["SOFI", "-1704", 1],
    ]);
    expect(breakdown.total).toBe("21732.315");
    expect(breakdown.total).toBe(portfolioGreeks(ALL.map((c) => c.risk)).deltaDollars.total);
    expect(breakdown.count).toBe(3);
    expect(breakdown.missing).toBe(2);
  });

  it("counts theta for a position without a quote, signed by side: shorts collect, longs pay", () => {
    const breakdown = greekBreakdown("theta", "underlying", ALL);
    expect(rowsOf(breakdown)).toEqual([
      ["AAPL", "3.2416", 2],
      ["SOFI", "6", 1],
      ["TSLA", "-10", 1],
    ]);
    expect(breakdown.total).toBe("-0.7584");
    expect(breakdown.total).toBe(portfolioGreeks(ALL.map((c) => c.risk)).thetaPerDay.total);
    expect(breakdown.missing).toBe(1);
  });

  it("groups by strategy by name, positions of unlabelled chains last", () => {
    expect(rowsOf(greekBreakdown("theta", "strategy", ALL))).toEqual([
      ["Cash-secured put", "8.2416", 1],
      ["Covered call", "6", 1],
      ["Not labelled", "-15", 2],
    ]);
  });

  it("groups by expiration, latest first; every grouping adds up to the same total", () => {
    const byExpiration = greekBreakdown("delta", "expiration", ALL);
    expect(rowsOf(byExpiration)).toEqual([
      ["2027-01-15", "9187.5", 1],
      ["2026-12-18", "12544.815", 2],
    ]);
    expect(byExpiration.total).toBe(greekBreakdown("delta", "strategy", ALL).total);
  });

  it("with no open positions there are no rows and the total is zero, nothing left out", () => {
    expect(greekBreakdown("theta", "underlying", [])).toEqual({ rows: [], total: "0", count: 0, missing: 0 });
    expect(greekExampleOf("theta", [unmarked])).toBeNull();
  });
});

describe("the worked example", () => {
  it("takes the position that moves the figure most, either sign", () => {
    expect(greekExampleOf("delta", ALL)?.id).toBe("a"); // 14,248.815 beats 9,187.5 and −1,704
    expect(greekExampleOf("theta", ALL)?.id).toBe("e"); // −10 is larger than +8.2416
  });

  it("walks one position's delta dollars step by step and adds the others up to the portfolio figure", () => {
    const total = portfolioGreeks(ALL.map((c) => c.risk)).deltaDollars.total;
    const example = explainGreekExposure({
      metric: "delta",
      example: shortPut,
      components: ALL,
      portfolioTotal: total,
    });
    expect(example.steps.map((step) => [step.arithmetic, step.value])).toEqual([
      ["market data", "-0.271406"],
      ["-0.271406 × 100 × -2", "54.2812"],
      ["54.2812 × 262.5", "+$14,248.82"],
      ["Σ over 2 (2 left out)", "+$7,483.50"],
      ["14,248.815 + 7,483.5", "+$21,732.32"],
    ]);
    expect(example).toMatchObject({ result: "21732.315", stored: "21732.315", agrees: true });
  });

  it("walks one position's theta per day and says when the total it is checked against differs", () => {
    const example = explainGreekExposure({
      metric: "theta",
      example: unquoted,
      components: ALL,
      portfolioTotal: "-0.7584",
    });
    expect(example.steps.map((step) => [step.arithmetic, step.value])).toEqual([
      ["market data", "-0.1"],
      ["-0.1 × 100 × 1", "-$10.00"],
      ["Σ over 3 (1 left out)", "+$9.24"],
      ["-10 + 9.2416", "-$0.76"],
    ]);
    expect(example.agrees).toBe(true);
    const stale = explainGreekExposure({
      metric: "theta",
      example: unquoted,
      components: ALL,
      portfolioTotal: "-0.75",
    });
    expect(stale.agrees).toBe(false);
  });
});
