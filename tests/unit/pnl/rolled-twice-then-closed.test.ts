import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option, reconciled } from "./support/builders";

describe("a put rolled twice, then closed", () => {
  const first = option("PLTR 2024-05-03 20 put");
  const second = option("PLTR 2024-05-10 19 put");
  const third = option("PLTR 2024-05-17 19 put");
  const result = computePnl(
    input({
      asOf: "2024-06-03",
      executions: [
        fill({
          id: "1",
          code: "STO",
          contract: first,
          quantity: "1",
          price: "0.50",
          fees: "0.02",
          date: "2024-04-29",
        }),
        fill({ id: "2", code: "BTC", contract: first, quantity: "1", price: "1.10", date: "2024-05-02" }),
        fill({
          id: "3",
          code: "STO",
          contract: second,
          quantity: "1",
          price: "1.20",
          fees: "0.02",
          date: "2024-05-02",
        }),
        fill({ id: "4", code: "BTC", contract: second, quantity: "1", price: "0.70", date: "2024-05-09" }),
        fill({
          id: "5",
          code: "STO",
          contract: third,
          quantity: "1",
          price: "0.90",
          fees: "0.02",
          date: "2024-05-09",
        }),
        fill({ id: "6", code: "BTC", contract: third, quantity: "1", price: "0.05", date: "2024-05-14" }),
      ],
    }),
  );

  it("one chain follows the position from its first open through both rolls to the close", () => {
    expect(result.chains).toHaveLength(1);
    const chain = result.chains[0];
    expect(chain?.rolls.map((roll) => [roll.date, roll.label, roll.cashKind, roll.netCash])).toEqual([
      ["2024-05-02", "down and out", "credit", "9.98"],
      ["2024-05-09", "out", "credit", "19.98"],
    ]);
    expect(chain).toMatchObject({
      status: "closed",
      openedOn: "2024-04-29",
      closedOn: "2024-05-14",
      daysHeld: 15,
      netPremium: "74.94",
      realized: "74.94",
      unrealized: "0.00",
      breakeven: null,
    });
    expect(chain?.legs).toHaveLength(3);
    expect(result.totals.realized).toBe("74.94");
    expect(reconciled(result)).toBe(true);
  });

  it("the chain id depends only on the first opening fill, so appending newer data keeps it", () => {
    const earlier = computePnl(
      input({
        asOf: "2024-05-03",
        executions: [
          fill({
            id: "1",
            code: "STO",
            contract: first,
            quantity: "1",
            price: "0.50",
            fees: "0.02",
            date: "2024-04-29",
          }),
        ],
      }),
    );
    expect(earlier.chains[0]?.id).toBe(result.chains[0]?.id);
  });
});
