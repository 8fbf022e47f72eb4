import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

const put = option("SOFI 2023-07-28 7 put");
const sold = fill({
  id: "sto",
  code: "STO",
  contract: put,
  quantity: "2",
  price: "0.25",
  fees: "0.03",
  date: "2023-07-24",
});

describe("short put expires", () => {
  it("a short put that expires worthless realizes the full credit, net of fees", () => {
    const result = computePnl(
      input({
        asOf: "2023-07-31",
        executions: [sold],
        events: [
          lifecycle({
            id: "oexp",
            type: "expiration",
            contract: put,
            quantity: "2",
            date: "2023-07-28",
            direction: "short",
          }),
        ],
      }),
    );
    expect(result.totals.realized).toBe("49.97");
    expect(result.totals.fees).toBe("0.03");
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0]).toMatchObject({
      closeKind: "expiration",
      closeEventId: "oexp",
      closedOn: "2023-07-28",
      quantity: "2",
      openPrice: "0.25",
      closePrice: "0.00",
      openFees: "0.03",
      realized: "49.97",
    });
    expect(result.openPositions).toEqual([]);
    expect(result.chains[0]).toMatchObject({
      status: "expired",
      expiryInferred: false,
      netPremium: "49.97",
      daysHeld: 4,
    });
    expect(result.issues).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });

  it("a short put past expiry with no event is closed as expired (inferred), never silently", () => {
    const result = computePnl(input({ asOf: "2023-07-31", executions: [sold] }));
    expect(result.totals.realized).toBe("49.97");
    expect(result.matches[0]).toMatchObject({
      closeKind: "expiration-inferred",
      closeEventId: null,
      closedOn: "2023-07-28",
    });
    expect(result.chains[0]).toMatchObject({ status: "expired", expiryInferred: true });
    expect(result.issues.map((issue) => [issue.code, issue.quantity])).toEqual([["expired-inferred", "2"]]);
    expect(reconciled(result)).toBe(true);
  });

  it("on its expiration day the put is still open: nothing is inferred before the date has passed", () => {
    const result = computePnl(input({ asOf: "2023-07-28", executions: [sold], marks: {} }));
    expect(result.totals.realized).toBe("0.00");
    expect(result.openPositions).toMatchObject([
      { quantity: "-2", averagePrice: "0.25", openCash: "49.97", mark: null },
    ]);
    expect(result.issues.map((issue) => issue.code)).toEqual(["missing-mark"]);
  });
});
