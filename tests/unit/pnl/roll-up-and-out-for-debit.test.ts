import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";

describe("roll up and out for a debit, as one order", () => {
  const from = option("AAPL 2024-03-15 180 call");
  const to = option("AAPL 2024-04-19 185 call");
  const result = computePnl(
    input({
      asOf: "2024-03-20",
      executions: [
        fill({
          id: "o1",
          code: "STO",
          contract: from,
          quantity: "2",
          price: "3.00",
          fees: "0.04",
          date: "2024-02-20",
        }),
        fill({
          id: "r1",
          code: "BTC",
          contract: from,
          quantity: "2",
          price: "5.00",
          date: "2024-03-12",
          time: "15:00",
          orderId: "roll",
        }),
        fill({
          id: "r2",
          code: "STO",
          contract: to,
          quantity: "2",
          price: "4.20",
          fees: "0.04",
          date: "2024-03-12",
          time: "15:00",
          orderId: "roll",
        }),
      ],
    }),
  );

  it("a closing and an opening leg in one order at a higher strike and later expiry roll up and out", () => {
    expect(result.chains).toHaveLength(1);
    expect(result.chains[0]?.rolls).toMatchObject([
      {
        label: "up and out",
        expiry: "out",
        strike: "up",
        oneOrder: true,
        // −1,000.00 to close, +839.96 to reopen.
        netCash: "-160.04",
        cashKind: "debit",
      },
    ]);
    // Breakeven: 185 + 439.92 / (2 × 100).
    expect(result.chains[0]).toMatchObject({
      netPremium: "439.92",
      realized: "-400.04",
      breakeven: "187.1996",
    });
    expect(reconciled(result)).toBe(true);
  });
});
