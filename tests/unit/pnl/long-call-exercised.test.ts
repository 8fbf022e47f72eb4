import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("long call exercised", () => {
  it("an exercised long call realizes the premium paid and buys the shares at the strike", () => {
    const call = option("LCID 2022-02-18 20 call");
    const result = computePnl(
      input({
        asOf: "2022-02-22",
        executions: [
          fill({ id: "bto", code: "BTO", contract: call, quantity: "2", price: "1.50", date: "2022-02-01" }),
        ],
        events: [
          lifecycle({
            id: "excs",
            type: "exercise",
            contract: call,
            quantity: "2",
            date: "2022-02-18",
            direction: "long",
            stockFees: "0.02",
          }),
        ],
        stockMarks: { LCID: "21.00" },
      }),
    );
    expect(result.totals.realized).toBe("-300.00");
    expect(result.matches[0]).toMatchObject({
      direction: "long",
      closeKind: "exercise",
      realized: "-300.00",
    });
    expect(result.chains[0]).toMatchObject({ side: "long", status: "exercised", breakeven: "21.50" });
    expect(result.totals.stockCashFlow).toBe("-4000.02");
    expect(result.stockPositions).toEqual([
      {
        accountId: "acct-1",
        underlying: "LCID",
        quantity: "200",
        averagePrice: "20.00",
        openCash: "-4000.02",
        mark: "21.00",
        marketValue: "4200.00",
        unrealized: "199.98",
        direction: "long",
        // 200 × 20.00 + 0.02 of stock fees.
        costBasis: "4000.02",
        costBasisPerShare: "20.0001",
        openedOn: "2022-02-18",
      },
    ]);
    expect(result.totals.stockUnrealized).toBe("199.98");
    expect(reconciled(result)).toBe(true);
  });
});
