import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

const put = option("AAPL 2024-05-17 170 put");
const call = option("AAPL 2024-05-17 190 call");
const laterCall = option("AAPL 2024-05-31 180 call");

describe("a short strangle whose put is assigned early while the call runs on", () => {
  const result = computePnl(
    input({
      asOf: "2024-05-21",
      executions: [
        fill({
          id: "p",
          code: "STO",
          contract: put,
          quantity: "1",
          price: "2.50",
          fees: "0.03",
          date: "2024-05-01",
          time: "14:00",
          orderId: "strangle",
        }),
        fill({
          id: "c",
          code: "STO",
          contract: call,
          quantity: "1",
          price: "2.00",
          fees: "0.03",
          date: "2024-05-01",
          time: "14:00",
          orderId: "strangle",
        }),
        // With the 100 assigned shares in the account, a call written on them is covered.
        fill({
          id: "cc",
          code: "STO",
          contract: laterCall,
          quantity: "1",
          price: "1.10",
          date: "2024-05-20",
          time: "14:00",
          orderId: "covered",
        }),
      ],
      events: [
        lifecycle({
          id: "a",
          type: "assignment",
          contract: put,
          quantity: "1",
          date: "2024-05-10",
          direction: "short",
        }),
        lifecycle({
          id: "x",
          type: "expiration",
          contract: call,
          quantity: "1",
          date: "2024-05-17",
          direction: "short",
        }),
      ],
      marks: { "AAPL|2024-05-31|call|180|100": "1.10" },
      stockMarks: { AAPL: "172" },
    }),
  );
  const strangle = result.chains.find((chain) => chain.strategy === "short-strangle");

  it("keeps both sides in one short strangle chain, ended by the call's expiry", () => {
    expect(strangle).toMatchObject({ status: "expired", openedOn: "2024-05-01", closedOn: "2024-05-17" });
    expect(strangle?.legs.map((leg) => [leg.optionType, leg.outcome])).toEqual([
      ["call", "expiration"],
      ["put", "assignment"],
    ]);
    // 249.97 + 199.97: both premiums kept; the put's assignment delivers shares at 170.
    expect(strangle?.realized).toBe("449.94");
  });

  it("shows the assigned put as the leg that left the structure early", () => {
    expect(strangle?.legOuts.map((out) => [out.date, out.optionType, out.direction, out.outcome])).toEqual([
      ["2024-05-10", "put", "short", "assignment"],
    ]);
  });

  it("labels a later call on the assigned shares a covered call", () => {
    expect(result.stockPositions.map((position) => [position.underlying, position.quantity])).toEqual([
      ["AAPL", "100"],
    ]);
    expect(result.chains.map((chain) => chain.strategy)).toEqual(["short-strangle", "covered-call"]);
    expect(reconciled(result)).toBe(true);
  });
});
