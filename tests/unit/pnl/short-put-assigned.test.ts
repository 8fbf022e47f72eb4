import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("short put assigned, then the shares called away (the wheel)", () => {
  const put = option("TSLA 2023-07-21 300 put");
  const call = option("TSLA 2023-08-04 310 call");
  const result = computePnl(
    input({
      asOf: "2023-08-10",
      executions: [
        fill({
          id: "sto-put",
          code: "STO",
          contract: put,
          quantity: "1",
          price: "5.00",
          fees: "0.04",
          date: "2023-07-17",
        }),
        fill({
          id: "sto-call",
          code: "STO",
          contract: call,
          quantity: "1",
          price: "2.10",
          fees: "0.04",
          date: "2023-07-24",
        }),
      ],
      events: [
        lifecycle({ id: "put-asgn", type: "assignment", contract: put, quantity: "1", date: "2023-07-21" }),
        lifecycle({
          id: "call-asgn",
          type: "assignment",
          contract: call,
          quantity: "1",
          date: "2023-08-04",
          stockFees: "0.05",
        }),
      ],
    }),
  );

  it("an assigned short put realizes its credit and buys 100 shares at the strike", () => {
    expect(result.matches.find((match) => match.openExecutionId === "sto-put")).toMatchObject({
      closeKind: "assignment",
      realized: "499.96",
    });
    expect(result.stockMatches).toEqual([
      {
        accountId: "acct-1",
        underlying: "TSLA",
        direction: "long",
        openEventId: "put-asgn",
        closeEventId: "call-asgn",
        openedOn: "2023-07-21",
        closedOn: "2023-08-04",
        quantity: "100",
        openPrice: "300.00",
        closePrice: "310.00",
        realized: "999.95",
        openKind: "assignment",
        closeKind: "assignment",
        openTradeId: null,
        closeTradeId: null,
        openFees: "0.00",
        closeFees: "0.05",
      },
    ]);
  });

  it("stock bought by the put and sold by the call realizes (310 − 300) × 100 less the stock fee", () => {
    expect(result.totals.realized).toBe("709.92");
    expect(result.totals.stockRealized).toBe("999.95");
    expect(result.stockPositions).toEqual([]);
    expect(result.byDay.find((day) => day.date === "2023-08-04")).toMatchObject({
      realized: "209.96",
      stockRealized: "999.95",
    });
    expect(reconciled(result)).toBe(true);
  });

  it("the breakeven of an assigned put is the strike less the premium per share", () => {
    const putChain = result.chains.find((chain) => chain.optionType === "put");
    expect(putChain).toMatchObject({ status: "assigned", breakeven: "295.0004" });
  });
});
