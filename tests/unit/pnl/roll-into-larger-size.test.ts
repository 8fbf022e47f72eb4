import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";

describe("roll into a larger size, filled in pieces", () => {
  const near = option("SOFI 2023-08-04 9 put");
  const far = option("SOFI 2023-08-18 8.5 put");
  const result = computePnl(
    input({
      asOf: "2023-08-01",
      executions: [
        fill({
          id: "a",
          code: "STO",
          contract: near,
          quantity: "2",
          price: "0.30",
          fees: "0.04",
          date: "2023-07-20",
        }),
        // Closed 2, reopened 3, the opening leg filled 1 + 2.
        fill({ id: "b", code: "BTC", contract: near, quantity: "2", price: "0.20", date: "2023-07-31" }),
        fill({
          id: "c",
          code: "STO",
          contract: far,
          quantity: "1",
          price: "0.33",
          fees: "0.02",
          date: "2023-07-31",
        }),
        fill({
          id: "d",
          code: "STO",
          contract: far,
          quantity: "2",
          price: "0.33",
          fees: "0.04",
          date: "2023-07-31",
        }),
      ],
    }),
  );

  it("close 2, open 3 is one roll of 2 → 3 and one chain", () => {
    expect(result.chains).toHaveLength(1);
    expect(result.chains[0]?.rolls).toMatchObject([
      {
        closeQuantity: "2",
        openQuantity: "3",
        label: "down and out",
        // −40 to close, 98.94 to reopen three.
        netCash: "58.94",
        cashKind: "credit",
        closeExecutionIds: ["b"],
        openExecutionIds: ["c", "d"],
      },
    ]);
    expect(result.chains[0]).toMatchObject({ status: "open", netPremium: "118.90", realized: "19.96" });
    expect(result.openPositions).toMatchObject([{ quantity: "-3", averagePrice: "0.33" }]);
    // 8.5 − 118.90 / 300
    expect(result.chains[0]?.breakeven).toBe("8.103667");
    expect(reconciled(result)).toBe(true);
  });
});
