import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";

describe("fees on both sides", () => {
  it("a round trip pays the opening and the closing fees, each allocated to the matched quantity", () => {
    const call = option("COIN 2023-12-01 131 call");
    const result = computePnl(
      input({
        asOf: "2023-11-30",
        executions: [
          fill({
            id: "buy",
            code: "BTO",
            contract: call,
            quantity: "2",
            price: "2.05",
            fees: "0.06",
            date: "2023-11-28",
          }),
          fill({
            id: "sell",
            code: "STC",
            contract: call,
            quantity: "2",
            price: "2.30",
            fees: "0.10",
            date: "2023-11-29",
          }),
        ],
      }),
    );
    expect(result.matches).toMatchObject([
      { quantity: "2", openFees: "0.06", closeFees: "0.10", realized: "49.84" },
    ]);
    expect(result.totals).toMatchObject({ realized: "49.84", fees: "0.16", cashFlow: "49.84" });
    expect(result.byDay).toEqual([
      { date: "2023-11-28", realized: "0.00", fees: "0.06", cashFlow: "-410.06", stockRealized: "0.00" },
      { date: "2023-11-29", realized: "49.84", fees: "0.10", cashFlow: "459.90", stockRealized: "0.00" },
    ]);
    expect(reconciled(result)).toBe(true);
  });
});
