import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("partial roll: 3 of 5 contracts", () => {
  const near = option("HOOD 2024-01-19 15 put");
  const far = option("HOOD 2024-01-26 15 put");
  const result = computePnl(
    input({
      asOf: "2024-01-31",
      executions: [
        fill({
          id: "open",
          code: "STO",
          contract: near,
          quantity: "5",
          price: "0.40",
          fees: "0.10",
          date: "2024-01-08",
        }),
        fill({ id: "close", code: "BTC", contract: near, quantity: "3", price: "0.55", date: "2024-01-16" }),
        fill({
          id: "reopen",
          code: "STO",
          contract: far,
          quantity: "3",
          price: "0.75",
          fees: "0.06",
          date: "2024-01-16",
        }),
        fill({ id: "final", code: "BTC", contract: far, quantity: "3", price: "0.10", date: "2024-01-22" }),
      ],
      events: [
        lifecycle({ id: "oexp", type: "expiration", contract: near, quantity: "2", date: "2024-01-19" }),
      ],
    }),
  );

  it("rolling 3 of 5 links the three to the new contract and leaves the other two in the same chain", () => {
    expect(result.chains).toHaveLength(1);
    const chain = result.chains[0];
    expect(chain?.rolls).toMatchObject([
      { closeQuantity: "3", openQuantity: "3", label: "out", netCash: "59.94" },
    ]);
    expect(chain?.legs.map((leg) => [leg.expiration, leg.quantityOpened, leg.outcome, leg.closedOn])).toEqual(
      [
        ["2024-01-19", "5", "expiration", "2024-01-19"],
        ["2024-01-26", "3", "trade", "2024-01-22"],
      ],
    );
    // The last leg to end names the chain.
    expect(chain).toMatchObject({ status: "closed", closedOn: "2024-01-22" });
  });

  it("the unrolled two expire for their share of the credit; the FIFO split keeps every micro", () => {
    const expired = result.matches.find((match) => match.closeKind === "expiration");
    expect(expired).toMatchObject({ quantity: "2", openFees: "0.04", realized: "79.96" });
    // 199.90 − 165 + 224.94 − 30
    expect(result.totals.realized).toBe("229.84");
    expect(result.chains[0]?.netPremium).toBe("229.84");
    expect(reconciled(result)).toBe(true);
  });
});
