import { describe, expect, it } from "vitest";
import { type PositionRiskInput, portfolioGreeks, positionRisk } from "@/lib/risk";

const TODAY = "2026-12-03"; // a Thursday

/** A short AAPL 250 put, two contracts, with Greeks as market data sends them. */
const shortPut: PositionRiskInput = {
  optionType: "put",
  strike: "250.0000",
  expiration: "2026-12-18",
  multiplier: "100.0000",
  side: "SHORT",
  quantity: "-2",
  greeks: {
    delta: "-0.271406",
    gamma: "0.020113",
    theta: "-0.041208",
    vega: "0.207734",
    impliedVolatility: "0.241877",
  },
  underlyingPrice: "262.50",
};

describe("one position's risk", () => {
  it("turns per-share Greeks into the position's exposure, signed by side, exactly", () => {
    const risk = positionRisk(shortPut, TODAY);
    expect(risk.daysToExpiration).toBe(15);
    expect(risk.expiresThisWeek).toBe(false);
    expect(risk.missingGreeks).toBeNull();
    // −0.271406 × 100 × −2 = 54.2812 shares; × 262.50 = 14,248.8150 dollars of stock.
    expect(risk.exposure.deltaShares).toBe("54.2812");
    expect(risk.exposure.deltaDollars).toBe("14248.815");
    expect(risk.exposure.gammaShares).toBe("-4.0226");
    // A short collects time decay: −0.041208 × 100 × −2 = +8.2416 dollars a day.
    expect(risk.exposure.thetaPerDay).toBe("8.2416");
    expect(risk.exposure.vegaPerVolPoint).toBe("-41.5468");
    expect(risk.greeks?.impliedVolatility).toBe("0.241877");
  });

  it("measures the distance from the underlying's price to the strike, in dollars and as a fraction", () => {
    const risk = positionRisk(shortPut, TODAY);
    expect(risk.moneyness).toBe("OTM");
    expect(risk.distanceToStrike).toBe("-12.5");
    // −12.5 ÷ 262.5 = −0.047619…, rounded once to four places (−4.76 %).
    expect(risk.distanceToStrikeFraction).toBe("-0.0476");
    expect(risk.assignmentRisk).toBe(false);
  });

  it("flags a short put in the money three days before expiry as an assignment risk", () => {
    const risk = positionRisk(
      { ...shortPut, expiration: "2026-12-04", underlyingPrice: "248.10" },
      "2026-12-01",
    );
    expect(risk.moneyness).toBe("ITM");
    expect(risk.expiresThisWeek).toBe(true);
    expect(risk.assignmentRisk).toBe(true);
    expect(risk.distanceToStrike).toBe("1.9");
  });

  it("says why Greeks are missing instead of using 0: no market data, none sent, or expired", () => {
    expect(positionRisk({ ...shortPut, greeks: null }, TODAY).missingGreeks).toBe("no-market-data");
    const none = { delta: null, gamma: null, theta: null, vega: null, impliedVolatility: null };
    const notSent = positionRisk({ ...shortPut, greeks: none }, TODAY);
    expect(notSent.missingGreeks).toBe("not-sent");
    expect(notSent.exposure.thetaPerDay).toBeNull();
    const expired = positionRisk({ ...shortPut, expiration: "2026-11-27" }, TODAY);
    expect(expired.missingGreeks).toBe("expired");
    expect(expired.greeks).toBeNull();
    expect(expired.exposure.deltaDollars).toBeNull();
  });

  it("without a quote, has Greeks but no delta dollars, distance or assignment verdict", () => {
    const risk = positionRisk({ ...shortPut, underlyingPrice: null }, TODAY);
    expect(risk.missingPrice).toBe("no-quote");
    expect(risk.exposure.deltaShares).toBe("54.2812");
    expect(risk.exposure.deltaDollars).toBeNull();
    expect(risk.distanceToStrike).toBeNull();
    expect(risk.assignmentRisk).toBeNull();
  });

  it("uses the contract's own multiplier, never 100 assumed (an adjusted contract of 150 shares)", () => {
    const risk = positionRisk({ ...shortPut, multiplier: "150", quantity: "-1" }, TODAY);
    expect(risk.exposure.deltaShares).toBe("40.7109");
  });
});

describe("portfolio Greeks", () => {
  it("adds the positions' dollars exactly and counts the ones left out rather than adding 0", () => {
    const longCall: PositionRiskInput = {
      optionType: "call",
      strike: "10.5",
      expiration: "2027-01-15",
      multiplier: "100",
      side: "LONG",
      quantity: "3",
      greeks: { delta: "0.5", gamma: "0.1", theta: "-0.01", vega: "0.02", impliedVolatility: "0.6" },
      underlyingPrice: "10.10",
    };
    const risks = [
      positionRisk(shortPut, TODAY),
      positionRisk(longCall, TODAY),
      positionRisk({ ...longCall, underlyingPrice: null }, TODAY),
      positionRisk({ ...longCall, greeks: null }, TODAY),
    ];
    const totals = portfolioGreeks(risks);
    // 14,248.815 + 0.5 × 100 × 3 × 10.10 (1,515); the unquoted call has no dollars.
    expect(totals.deltaDollars).toEqual({ total: "15763.815", positions: 2, missing: 2 });
    // 8.2416 − 3 − 3
    expect(totals.thetaPerDay).toEqual({ total: "2.2416", positions: 3, missing: 1 });
    expect(totals.vegaPerVolPoint).toEqual({ total: "-29.5468", positions: 3, missing: 1 });
    expect(totals.deltaShares.total).toBe("354.2812");
  });

  it("of no positions is zero with nothing missing", () => {
    expect(portfolioGreeks([]).thetaPerDay).toEqual({ total: "0", positions: 0, missing: 0 });
  });
});
