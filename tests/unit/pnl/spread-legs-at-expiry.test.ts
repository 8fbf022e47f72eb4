import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("both legs of a put spread in the money at expiry", () => {
  const long = option("AMZN 2023-04-28 109 put");
  const short = option("AMZN 2023-04-28 110 put");
  const result = computePnl(
    input({
      asOf: "2023-05-01",
      executions: [
        fill({
          id: "l",
          code: "BTO",
          contract: long,
          quantity: "68",
          price: "0.50",
          fees: "2.04",
          date: "2023-04-27",
        }),
        fill({
          id: "s",
          code: "STO",
          contract: short,
          quantity: "68",
          price: "0.90",
          fees: "2.72",
          date: "2023-04-27",
        }),
      ],
      events: [
        // The exercise sells 6,800 shares at 109 (fee 6.92), the assignment buys 6,800 at 110.
        lifecycle({
          id: "x",
          type: "exercise",
          contract: long,
          quantity: "68",
          date: "2023-04-28",
          direction: "long",
          stockFees: "6.92",
        }),
        lifecycle({ id: "y", type: "assignment", contract: short, quantity: "68", date: "2023-04-28" }),
      ],
    }),
  );

  it("the long leg is exercised and the short leg assigned, ending their one spread chain", () => {
    // Opened together (same day, same quantity): one bull put spread. Assignment outranks exercise.
    expect(result.chains.map((chain) => [chain.strategy, chain.status, chain.legOuts])).toEqual([
      ["bull-put-spread", "assigned", []],
    ]);
    expect(result.chains[0]?.legs.map((leg) => [leg.direction, leg.outcome])).toEqual(
      expect.arrayContaining([
        ["long", "exercise"],
        ["short", "assignment"],
      ]),
    );
    // −3,400 − 2.04 + 6,120 − 2.72
    expect(result.totals.realized).toBe("2715.24");
  });

  it("the stock legs offset: no shares remain and the strike difference is a stock loss", () => {
    expect(result.stockPositions).toEqual([]);
    // Sold at 109 for 741,193.08, bought at 110 for 748,000.00, same day (the event ids order them).
    expect(result.totals.stockRealized).toBe("-6806.92");
    expect(result.totals.stockCashFlow).toBe("-6806.92");
    expect(reconciled(result)).toBe(true);
  });
});
