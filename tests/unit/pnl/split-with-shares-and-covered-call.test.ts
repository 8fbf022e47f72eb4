import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled, stock } from "./support/builders";
import { split } from "./support/corporate-actions";

/**
 * A 2:1 split while 100 shares are held and a covered call is written on them. The shares double at
 * half the price with the same cost (no P&L, no cash); the call follows the deliverable rule for a
 * whole-number split: 1 × 160 call becomes 2 × 80 calls, still covering every share. Assigned later,
 * the two calls deliver 2 × 100 = 200 shares at 80 — exactly the shares held, so no short appears.
 */
describe("a 2:1 split with held shares and an open covered call", () => {
  const before = option("XYZ 2024-07-19 160 call");
  const after = option("XYZ 2024-07-19 80 call");
  // 100 × 150.00 = 15,000.00 paid
  const buy = stock({
    id: "buy",
    side: "buy",
    symbol: "XYZ",
    quantity: "100",
    price: "150.00",
    date: "2024-06-03",
  });
  // 1 × 3.00 × 100 = 300.00 − 0.03 = +299.97
  const call = fill({
    id: "sto",
    code: "STO",
    contract: before,
    quantity: "1",
    price: "3.00",
    fees: "0.03",
    date: "2024-06-03",
  });
  const action = split({ id: "spl", date: "2024-06-10", symbol: "XYZ", ratio: "2:1" });

  it("doubles the shares at half the price, keeps their cost and realizes nothing", () => {
    const result = computePnl(
      input({
        asOf: "2024-06-12",
        executions: [call],
        stockTrades: [buy],
        corporateActions: [action],
        marks: { "XYZ|2024-07-19|call|80|100": "1.00" },
        stockMarks: { XYZ: "76.00" },
      }),
    );
    expect(result.stockPositions).toEqual([
      expect.objectContaining({
        underlying: "XYZ",
        quantity: "200",
        direction: "long",
        // 15,000.00 / 200
        averagePrice: "75.00",
        costBasis: "15000.00",
        costBasisPerShare: "75.00",
        // 200 × 76.00 = 15,200.00; − 15,000.00
        marketValue: "15200.00",
        unrealized: "200.00",
      }),
    ]);
    expect(result.totals).toMatchObject({
      realized: "0.00",
      stockRealized: "0.00",
      stockCashFlow: "-15000.00",
    });
    expect(result.openPositions).toMatchObject([
      { contractKey: "XYZ|2024-07-19|call|80|100", quantity: "-2" },
    ]);
    // The wheel follows the split: 200 shares, still 15,000.00 of cost.
    expect(result.wheelCycles).toMatchObject([
      { status: "open", sharesHeld: "200", costBasis: "15000.00", costBasisPerShare: "75.00" },
    ]);
    expect(reconciled(result)).toBe(true);
  });

  it("the assigned calls deliver the 200 split shares and leave no short stock", () => {
    const result = computePnl(
      input({
        asOf: "2024-07-22",
        executions: [call],
        stockTrades: [buy],
        corporateActions: [action],
        events: [
          lifecycle({ id: "asgn", type: "assignment", contract: after, quantity: "2", date: "2024-07-19" }),
        ],
      }),
    );
    expect(result.stockPositions).toEqual([]);
    // 200 × 80 = 16,000.00 received − 15,000.00 paid
    expect(result.stockMatches).toMatchObject([
      {
        underlying: "XYZ",
        quantity: "200",
        openTradeId: "buy",
        closeEventId: "asgn",
        openPrice: "75.00",
        closePrice: "80.00",
        realized: "1000.00",
      },
    ]);
    expect(result.totals).toMatchObject({
      realized: "299.97",
      stockRealized: "1000.00",
      stockCashFlow: "1000.00",
    });
    expect(result.wheelCycles).toMatchObject([
      {
        status: "closed",
        startedOn: "2024-06-03",
        endedOn: "2024-07-19",
        premiumCollected: "299.97",
        optionRealized: "299.97",
        stockRealized: "1000.00",
        // 299.97 + 1,000.00
        realized: "1299.97",
        sharesHeld: "0",
        callsAssigned: "2",
        capitalTiedUp: "15000.00",
      },
    ]);
    expect(result.issues).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });
});
