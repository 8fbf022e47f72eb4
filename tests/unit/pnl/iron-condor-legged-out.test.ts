import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

const longPut = option("SPY 2024-04-19 400 put");
const shortPut = option("SPY 2024-04-19 410 put");
const shortCall = option("SPY 2024-04-19 450 call");
const longCall = option("SPY 2024-04-19 460 call");

describe("an iron condor legged out: the call side bought back early, the put side expires", () => {
  const at = { date: "2024-04-01", time: "14:30", orderId: "condor", quantity: "1" } as const;
  const result = computePnl(
    input({
      asOf: "2024-04-22",
      executions: [
        fill({ ...at, id: "1", code: "BTO", contract: longPut, price: "1.00" }),
        fill({ ...at, id: "2", code: "STO", contract: shortPut, price: "2.00" }),
        fill({ ...at, id: "3", code: "STO", contract: shortCall, price: "1.80" }),
        fill({ ...at, id: "4", code: "BTO", contract: longCall, price: "0.70" }),
        // The underlying rallies: the call side is closed in its own order, the put side left to expire.
        fill({
          id: "5",
          code: "BTC",
          contract: shortCall,
          quantity: "1",
          price: "3.00",
          date: "2024-04-10",
          time: "15:00",
          orderId: "calls",
        }),
        fill({
          id: "6",
          code: "STC",
          contract: longCall,
          quantity: "1",
          price: "1.20",
          date: "2024-04-10",
          time: "15:00",
          orderId: "calls",
        }),
      ],
      events: [
        lifecycle({
          id: "x1",
          type: "expiration",
          contract: longPut,
          quantity: "1",
          date: "2024-04-19",
          direction: "long",
        }),
        lifecycle({
          id: "x2",
          type: "expiration",
          contract: shortPut,
          quantity: "1",
          date: "2024-04-19",
          direction: "short",
        }),
      ],
    }),
  );
  const [chain] = result.chains;

  it("is one iron condor chain that ends expired", () => {
    expect(result.chains).toHaveLength(1);
    expect(chain).toMatchObject({
      strategy: "iron-condor",
      status: "expired",
      closedOn: "2024-04-19",
      rolls: [],
    });
    expect(result.strategies.map((position) => [position.label, position.openingCash])).toEqual([
      ["iron-condor", "210.00"],
    ]);
  });

  it("shows the early close of the call side as legging out, and the expiry of the put side not", () => {
    expect(chain?.legOuts).toEqual([
      {
        date: "2024-04-10",
        contractKey: "SPY|2024-04-19|call|450|100",
        expiration: "2024-04-19",
        strike: "450",
        optionType: "call",
        direction: "short",
        quantity: "1",
        outcome: "trade",
      },
      {
        date: "2024-04-10",
        contractKey: "SPY|2024-04-19|call|460|100",
        expiration: "2024-04-19",
        strike: "460",
        optionType: "call",
        direction: "long",
        quantity: "1",
        outcome: "trade",
      },
    ]);
  });

  it("books the call side's loss and the put side's full credit in one result", () => {
    // Calls: 180 − 300 − 70 + 120 = −70. Puts: −100 + 200 = 100.
    expect(chain?.realized).toBe("30.00");
    expect(reconciled(result)).toBe(true);
  });
});
