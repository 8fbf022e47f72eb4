import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("covered call assigned", () => {
  const call = option("NIO 2023-07-28 11.5 call");
  const result = computePnl(
    input({
      asOf: "2023-07-31",
      executions: [
        fill({
          id: "sto",
          code: "STO",
          contract: call,
          quantity: "4",
          price: "0.41",
          fees: "0.08",
          date: "2023-07-24",
        }),
      ],
      events: [
        lifecycle({
          id: "asgn",
          type: "assignment",
          contract: call,
          quantity: "4",
          date: "2023-07-28",
          stockFees: "0.10",
        }),
      ],
      stockMarks: { NIO: "15.37" },
    }),
  );

  it("an assigned call realizes its premium when the option closes at zero", () => {
    expect(result.totals.realized).toBe("163.92");
    expect(result.matches[0]).toMatchObject({
      closeKind: "assignment",
      closeEventId: "asgn",
      closePrice: "0.00",
    });
    expect(result.chains[0]).toMatchObject({ status: "assigned", netPremium: "163.92" });
  });

  it("the shares leave at the strike, kept apart from the option figures", () => {
    // 400 shares sold at 11.50 = 4,600.00 less the 0.10 fee on the stock leg.
    expect(result.totals.stockCashFlow).toBe("4599.90");
    expect(result.totals.stockRealized).toBe("0.00");
    expect(result.stockPositions).toEqual([
      {
        accountId: "acct-1",
        underlying: "NIO",
        quantity: "-400",
        averagePrice: "11.50",
        openCash: "4599.90",
        mark: "15.37",
        marketValue: "-6148.00",
        unrealized: "-1548.10",
        direction: "short",
        costBasis: "4599.90",
        costBasisPerShare: "11.49975",
        openedOn: "2023-07-28",
      },
    ]);
    expect(result.byUnderlying).toMatchObject([
      { underlying: "NIO", realized: "163.92", stockRealized: "0.00" },
    ]);
  });

  it("the breakeven of an assigned call is the strike plus the premium per share", () => {
    // 11.50 + 163.92 / 400
    expect(result.chains[0]?.breakeven).toBe("11.9098");
    expect(reconciled(result)).toBe(true);
  });
});
