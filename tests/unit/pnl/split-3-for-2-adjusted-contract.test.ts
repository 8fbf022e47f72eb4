import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";
import { split } from "./support/corporate-actions";

/**
 * A 3-for-2 split while a covered call's short leg is open. The ratio is not a whole number, so the
 * deliverable rule keeps the number of contracts and adjusts the contract: 150 shares each, strike
 * 60 × 2 / 3 = 40 (the non-100 multiplier Robinhood's API shows on adjusted chains). Assigned after
 * the split, it delivers 150 shares at 40 — the 6,000.00 that 100 shares at 60 were worth.
 */
describe("3:2 split turns an open call into an adjusted 150-share contract", () => {
  const call = option("ABC 2024-09-20 60 call");
  const adjusted = option("ABC 2024-09-20 40 call", "150");
  const result = computePnl(
    input({
      asOf: "2024-09-23",
      executions: [
        // 1 × 2.00 × 100 = +200.00 − 0.02
        fill({
          id: "sto",
          code: "STO",
          contract: call,
          quantity: "1",
          price: "2.00",
          fees: "0.02",
          date: "2024-08-01",
        }),
      ],
      events: [
        lifecycle({ id: "asgn", type: "assignment", contract: adjusted, quantity: "1", date: "2024-09-20" }),
      ],
      corporateActions: [split({ id: "spl", date: "2024-08-15", symbol: "ABC", ratio: "3:2" })],
      stockMarks: { ABC: "45.00" },
    }),
  );

  it("moves the short call into the adjusted contract and realizes its premium at assignment", () => {
    expect(result.chains).toMatchObject([
      {
        status: "assigned",
        realized: "199.98",
        adjustments: [
          {
            label: "split 3:2",
            from: { contractKey: "ABC|2024-09-20|call|60|100", multiplier: "100", quantity: "1" },
            to: { contractKey: "ABC|2024-09-20|call|40|150", multiplier: "150", quantity: "1" },
          },
        ],
      },
    ]);
    expect(result.matches).toMatchObject([
      // 2.00 per share of 100 is 1.333333 per share of 150
      {
        contractKey: "ABC|2024-09-20|call|40|150",
        closeKind: "assignment",
        openPrice: "1.333333",
        realized: "199.98",
      },
    ]);
    expect(result.issues).toEqual([]);
  });

  it("delivers 150 shares at the adjusted strike", () => {
    expect(result.stockPositions).toMatchObject([
      { underlying: "ABC", quantity: "-150", averagePrice: "40.00" },
    ]);
    expect(result.totals.stockCashFlow).toBe("6000.00");
    expect(reconciled(result)).toBe(true);
  });
});
