import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled, stock } from "./support/builders";

describe("covered call assigned on shares the trader bought", () => {
  const call = option("NIO 2023-07-28 11.5 call");
  const result = computePnl(
    input({
      asOf: "2023-07-31",
      stockTrades: [
        stock({
          id: "buy",
          side: "buy",
          symbol: "NIO",
          quantity: "400",
          price: "10.00",
          fees: "0.04",
          date: "2023-07-03",
        }),
      ],
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

  it("the assignment sells the shares held instead of opening a short", () => {
    expect(result.stockPositions).toEqual([]);
    expect(result.stockMatches).toEqual([
      {
        accountId: "acct-1",
        underlying: "NIO",
        direction: "long",
        openEventId: null,
        closeEventId: "asgn",
        openedOn: "2023-07-03",
        closedOn: "2023-07-28",
        quantity: "400",
        openPrice: "10.00",
        closePrice: "11.50",
        // 400 × 11.50 − 0.10 − (400 × 10.00 + 0.04) = 4,599.90 − 4,000.04
        realized: "599.86",
        openKind: "trade",
        closeKind: "assignment",
        openTradeId: "buy",
        closeTradeId: null,
        openFees: "0.04",
        closeFees: "0.10",
      },
    ]);
  });

  it("the premium stays in option P&L and the stock gain in stock P&L", () => {
    // 4 × 100 × 0.41 − 0.08
    expect(result.totals.realized).toBe("163.92");
    expect(result.totals.stockRealized).toBe("599.86");
    expect(result.totals.stockUnrealized).toBe("0.00");
    // −4,000.04 + 4,599.90
    expect(result.totals.stockCashFlow).toBe("599.86");
    expect(result.byUnderlying).toMatchObject([
      { underlying: "NIO", realized: "163.92", stockRealized: "599.86" },
    ]);
    expect(result.byDay.find((day) => day.date === "2023-07-28")).toMatchObject({ stockRealized: "599.86" });
    expect(reconciled(result)).toBe(true);
  });

  it("is one closed wheel cycle from the purchase to the shares called away", () => {
    expect(result.wheelCycles).toEqual([
      expect.objectContaining({
        underlying: "NIO",
        status: "closed",
        startedOn: "2023-07-03",
        endedOn: "2023-07-28",
        days: 25,
        premiumCollected: "163.92",
        optionRealized: "163.92",
        stockRealized: "599.86",
        realized: "763.78",
        sharesHeld: "0",
        costBasis: null,
        // the shares' cost, fees included
        capitalTiedUp: "4000.04",
        // 763.78 / 4,000.04 = 0.1909430…
        returnOnCapital: "0.190943",
        putsAssigned: "0",
        callsAssigned: "4",
      }),
    ]);
  });
});
