import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled, stock } from "./support/builders";
import { rename } from "./support/corporate-actions";

/**
 * A cash-secured put written on a SPAC (DMYD), carried by the merger into GENI, assigned under GENI
 * and the shares sold. The wheel follows the position: the DMYD cycle ends at the rename (nothing of
 * DMYD is held after it) and a GENI cycle carries the put on to its assignment and the sale. The
 * premium stays in the cycle it was received in, like every cash flow; its realized P&L is booked
 * where the put closed.
 */
describe("a short put carried through a merger rename into a wheel under the new symbol", () => {
  const result = computePnl(
    input({
      asOf: "2021-09-10",
      // 1 × 0.50 × 100 = +50.00
      executions: [
        fill({
          id: "sto",
          code: "STO",
          contract: option("DMYD 2021-08-20 10 put"),
          quantity: "1",
          price: "0.50",
          date: "2021-07-01",
        }),
      ],
      corporateActions: [rename({ id: "ren", date: "2021-07-20", from: "DMYD", to: "GENI" })],
      // Assigned: buys 100 GENI at 10 = 1,000.00
      events: [
        lifecycle({
          id: "asgn",
          type: "assignment",
          contract: option("GENI 2021-08-20 10 put"),
          quantity: "1",
          date: "2021-08-20",
        }),
      ],
      // 100 × 12.00 = 1,200.00
      stockTrades: [
        stock({
          id: "sell",
          side: "sell",
          symbol: "GENI",
          quantity: "100",
          price: "12.00",
          date: "2021-09-01",
        }),
      ],
    }),
  );

  it("ends the DMYD cycle at the rename and runs the GENI cycle from the rename to the sale", () => {
    expect(result.wheelCycles).toMatchObject([
      {
        underlying: "DMYD",
        status: "closed",
        startedOn: "2021-07-01",
        endedOn: "2021-07-20",
        premiumCollected: "50.00",
      },
      {
        underlying: "GENI",
        status: "closed",
        startedOn: "2021-07-20",
        endedOn: "2021-09-01",
        optionRealized: "50.00",
        // 1,200.00 − 1,000.00
        stockRealized: "200.00",
        putsAssigned: "1",
        // 10 × 100 × 1 secured, then 1,000.00 of shares: never both at once
        capitalTiedUp: "1000.00",
      },
    ]);
    expect(result.stockPositions).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });
});
