import { describe, expect, it } from "vitest";
import { computePnl, contractKey } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";

describe("roll out for a credit (two orders, same day, no order ids)", () => {
  const near = option("XYZ 2024-01-05 50 call");
  const far = option("XYZ 2024-01-12 50 call");
  const result = computePnl(
    input({
      asOf: "2024-01-08",
      executions: [
        fill({
          id: "open",
          code: "STO",
          contract: near,
          quantity: "1",
          price: "1.00",
          fees: "0.02",
          date: "2024-01-02",
        }),
        fill({ id: "close", code: "BTC", contract: near, quantity: "1", price: "0.60", date: "2024-01-04" }),
        fill({
          id: "reopen",
          code: "STO",
          contract: far,
          quantity: "1",
          price: "1.10",
          fees: "0.02",
          date: "2024-01-04",
        }),
      ],
      marks: { [contractKey(far)]: "0.80" },
    }),
  );
  const chain = result.chains[0];

  it("a same-day close and open of the same side, underlying and type at a later expiry is a roll out", () => {
    expect(result.chains).toHaveLength(1);
    expect(chain?.rolls).toEqual([
      {
        id: expect.stringMatching(/^rl_[0-9a-f]{16}$/),
        date: "2024-01-04",
        from: { contractKey: "XYZ|2024-01-05|call|50|100", expiration: "2024-01-05", strike: "50" },
        to: { contractKey: "XYZ|2024-01-12|call|50|100", expiration: "2024-01-12", strike: "50" },
        closeQuantity: "1",
        openQuantity: "1",
        netCash: "49.98",
        cashKind: "credit",
        expiry: "out",
        strike: "same",
        label: "out",
        oneOrder: false,
        closeExecutionIds: ["close"],
        openExecutionIds: ["reopen"],
      },
    ]);
  });

  it("the chain collects the net premium of every leg and values its open tail at the mark", () => {
    expect(chain).toMatchObject({
      status: "open",
      side: "short",
      optionType: "call",
      openedOn: "2024-01-02",
      closedOn: null,
      daysHeld: 6,
      netPremium: "149.96",
      realized: "39.98",
      // Short 1 at 109.98 credit, marked at 0.80: 109.98 − 80.
      unrealized: "29.98",
      // 50 + 149.96 / 100
      breakeven: "51.4996",
    });
    expect(chain?.legs.map((leg) => [leg.strike, leg.expiration, leg.outcome, leg.quantityOpen])).toEqual([
      ["50", "2024-01-05", "trade", "0"],
      ["50", "2024-01-12", "open", "1"],
    ]);
    expect(result.matches.every((match) => match.chainId === chain?.id)).toBe(true);
    expect(result.openLots[0]?.chainId).toBe(chain?.id);
    expect(reconciled(result)).toBe(true);
  });
});
