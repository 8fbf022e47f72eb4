import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

/**
 * Cash-secured puts that never turn into shares: the first expires worthless (one short cycle);
 * the second is rolled down and out at one instant and then expires, which is one cycle whose
 * capital counts the larger put, never both at once.
 */
const first = option("AMD 2024-01-19 100 put");
const second = option("AMD 2024-02-16 95 put");
const rolled = option("AMD 2024-03-15 90 put");

describe("cash-secured puts that expire, one of them rolled", () => {
  const result = computePnl(
    input({
      asOf: "2024-03-29",
      executions: [
        fill({ id: "p1", code: "STO", contract: first, quantity: "1", price: "2.00", date: "2024-01-02" }),
        fill({ id: "p2", code: "STO", contract: second, quantity: "2", price: "1.50", date: "2024-01-22" }),
        fill({
          id: "p2-btc",
          code: "BTC",
          contract: second,
          quantity: "2",
          price: "2.50",
          date: "2024-02-12",
          time: "15:00",
        }),
        fill({
          id: "p3",
          code: "STO",
          contract: rolled,
          quantity: "2",
          price: "3.10",
          date: "2024-02-12",
          time: "15:00",
        }),
      ],
      events: [
        lifecycle({
          id: "x1",
          type: "expiration",
          contract: first,
          quantity: "1",
          date: "2024-01-19",
          direction: "short",
        }),
        lifecycle({
          id: "x3",
          type: "expiration",
          contract: rolled,
          quantity: "2",
          date: "2024-03-15",
          direction: "short",
        }),
      ],
    }),
  );

  it("each stretch of written puts with no shares is its own closed cycle", () => {
    expect(
      result.wheelCycles.map((cycle) => [
        cycle.startedOn,
        cycle.endedOn,
        cycle.premiumCollected,
        cycle.capitalTiedUp,
        cycle.returnOnCapital,
      ]),
    ).toEqual([
      // 200 premium on 100 × 100 secured
      ["2024-01-02", "2024-01-19", "200.00", "10000.00", "0.02"],
      // 300 − 500 + 620; the roll at one instant swaps 95 × 200 for 90 × 200
      ["2024-01-22", "2024-03-15", "420.00", "19000.00", "0.022105"],
    ]);
    expect(result.wheelCycles.every((cycle) => cycle.sharesHeld === "0" && cycle.status === "closed")).toBe(
      true,
    );
    expect(result.stockPositions).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });
});
