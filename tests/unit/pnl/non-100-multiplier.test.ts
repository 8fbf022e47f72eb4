import { describe, expect, it } from "vitest";
import { computePnl, contractKey } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("a non-100 multiplier", () => {
  it("a mini contract (10 shares) books a tenth of the premium and delivers 10 shares", () => {
    const mini = option("AMZN 2024-01-19 150 put", "10");
    const result = computePnl(
      input({
        asOf: "2024-01-22",
        executions: [
          fill({ id: "sto", code: "STO", contract: mini, quantity: "3", price: "2.50", date: "2024-01-02" }),
        ],
        events: [
          lifecycle({ id: "asgn", type: "assignment", contract: mini, quantity: "3", date: "2024-01-19" }),
        ],
      }),
    );
    expect(contractKey(mini)).toBe("AMZN|2024-01-19|put|150|10");
    expect(result.totals.realized).toBe("75.00");
    expect(result.stockPositions).toMatchObject([
      { quantity: "30", averagePrice: "150.00", openCash: "-4500.00" },
    ]);
    expect(reconciled(result)).toBe(true);
  });

  it("an adjusted contract with a fractional deliverable values and marks at its own multiplier", () => {
    const adjusted = option("TSLA 2023-04-21 191.67 call", "133.33");
    const result = computePnl(
      input({
        asOf: "2023-04-01",
        executions: [
          fill({
            id: "bto",
            code: "BTO",
            contract: adjusted,
            quantity: "1",
            price: "3.00",
            date: "2023-03-20",
          }),
        ],
        marks: { [contractKey(adjusted)]: "3.50" },
      }),
    );
    // −3.00 × 133.33 = −399.99; marked 3.50 × 133.33 = 466.655.
    expect(result.openPositions).toMatchObject([
      {
        multiplier: "133.33",
        quantity: "1",
        averagePrice: "3.00",
        openCash: "-399.99",
        marketValue: "466.655",
        unrealized: "66.665",
      },
    ]);
    expect(reconciled(result)).toBe(true);
  });
});
