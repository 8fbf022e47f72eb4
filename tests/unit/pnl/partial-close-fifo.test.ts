import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";

describe("partial close across several fills", () => {
  const call = option("AMD 2023-12-15 130 call");
  const result = computePnl(
    input({
      asOf: "2023-12-01",
      executions: [
        fill({
          id: "a",
          code: "STO",
          contract: call,
          quantity: "3",
          price: "1.00",
          fees: "0.05",
          date: "2023-11-01",
        }),
        fill({
          id: "b",
          code: "STO",
          contract: call,
          quantity: "2",
          price: "1.50",
          fees: "0.02",
          date: "2023-11-02",
        }),
        fill({ id: "c", code: "BTC", contract: call, quantity: "2", price: "0.50", date: "2023-11-03" }),
        fill({ id: "d", code: "BTC", contract: call, quantity: "2", price: "0.40", date: "2023-11-06" }),
        fill({
          id: "e",
          code: "BTC",
          contract: call,
          quantity: "1",
          price: "0.30",
          fees: "0.01",
          date: "2023-11-07",
        }),
      ],
    }),
  );

  it("closes consume the oldest lots first and split them, fees pro rata to the micro", () => {
    expect(
      result.matches.map((match) => [
        match.openExecutionId,
        match.closeExecutionId,
        match.quantity,
        match.openFees,
        match.realized,
      ]),
    ).toEqual([
      // 2 of lot a: 200 − 100, and 2/3 of its 0.05 fee truncated to 0.033333.
      ["a", "c", "2", "0.033333", "99.966667"],
      // The last contract of lot a carries the fee remainder, 0.016667.
      ["a", "d", "1", "0.016667", "59.983333"],
      ["b", "d", "1", "0.01", "109.99"],
      ["b", "e", "1", "0.01", "119.98"],
    ]);
  });

  it("the pieces add back up to the cash exactly", () => {
    // 300 + 300 − 0.07 − 100 − 80 − 30 − 0.01
    expect(result.totals.realized).toBe("389.92");
    expect(result.totals.cashFlow).toBe("389.92");
    expect(result.openPositions).toEqual([]);
    expect(result.chains).toHaveLength(1);
    expect(reconciled(result)).toBe(true);
  });
});
