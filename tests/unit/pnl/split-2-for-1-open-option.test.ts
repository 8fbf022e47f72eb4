import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";
import { split } from "./support/corporate-actions";

/**
 * A 2-for-1 split while a short put is open. The deliverable rule for a whole-number split: each
 * contract becomes two, at half the strike, with the same 100-share multiplier — the contract still
 * delivers the same value (1 × 100 × 100 = 2 × 100 × 50). The split realizes nothing and moves no
 * cash; the premium received stays with the position and is realized when it closes after the split.
 */
describe("2:1 split with an open short put", () => {
  const before = option("XYZ 2024-07-19 100 put");
  const after = option("XYZ 2024-07-19 50 put");
  // 1 × 4.00 × 100 = 400.00 − 0.03 = +399.97
  const sale = fill({
    id: "sto",
    code: "STO",
    contract: before,
    quantity: "1",
    price: "4.00",
    fees: "0.03",
    date: "2024-06-03",
  });
  const action = split({ id: "spl-1", date: "2024-06-10", symbol: "XYZ", ratio: "2:1" });

  it("doubles the contracts and halves the strike and the per-share premium, without P&L", () => {
    const result = computePnl(
      input({
        asOf: "2024-06-12",
        executions: [sale],
        corporateActions: [action],
        marks: { "XYZ|2024-07-19|put|50|100": "1.50" },
      }),
    );
    expect(result.totals).toMatchObject({
      realized: "0.00",
      cashFlow: "399.97",
      // short 2 × 100 × 1.50
      marketValue: "-300.00",
      // 399.97 − 300.00
      unrealized: "99.97",
    });
    expect(result.openPositions).toMatchObject([
      {
        contractKey: "XYZ|2024-07-19|put|50|100",
        strike: "50",
        multiplier: "100",
        quantity: "-2",
        // 400.00 / (2 × 100)
        averagePrice: "2.00",
        openCash: "399.97",
      },
    ]);
    expect(result.openLots).toMatchObject([{ openExecutionId: "sto", quantity: "2", openPrice: "2.00" }]);
    expect(result.chains).toHaveLength(1);
    expect(result.chains[0]?.adjustments).toMatchObject([
      {
        actionId: "spl-1",
        type: "split",
        date: "2024-06-10",
        from: { contractKey: "XYZ|2024-07-19|put|100|100", strike: "100", quantity: "1" },
        to: { contractKey: "XYZ|2024-07-19|put|50|100", strike: "50", quantity: "2" },
        label: "split 2:1",
      },
    ]);
    // The short put's breakeven moves with the strike: 50 − 399.97 / (2 × 100) = 50 − 1.99985.
    expect(result.chains[0]?.breakeven).toBe("48.00015");
    expect(result.issues).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });

  it("a close after the split realizes the premium received before it", () => {
    const result = computePnl(
      input({
        asOf: "2024-06-30",
        executions: [
          sale,
          // 2 × 1.20 × 100 = −240.00
          fill({ id: "btc", code: "BTC", contract: after, quantity: "2", price: "1.20", date: "2024-06-20" }),
        ],
        corporateActions: [action],
      }),
    );
    // 399.97 − 240.00
    expect(result.totals).toMatchObject({ realized: "159.97", cashFlow: "159.97", unrealized: "0.00" });
    expect(result.matches).toMatchObject([
      {
        contractKey: "XYZ|2024-07-19|put|50|100",
        quantity: "2",
        openPrice: "2.00",
        closePrice: "1.20",
        openFees: "0.03",
        realized: "159.97",
      },
    ]);
    expect(result.chains).toMatchObject([
      {
        status: "closed",
        realized: "159.97",
        netPremium: "159.97",
        legs: [{ quantityOpened: "2", outcome: "trade" }],
      },
    ]);
    expect(result.byDay.map((day) => [day.date, day.realized])).toEqual([
      ["2024-06-03", "0.00"],
      ["2024-06-20", "159.97"],
    ]);
    expect(result.issues).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });
});
