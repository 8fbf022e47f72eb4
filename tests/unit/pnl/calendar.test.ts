import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

const near = option("MSFT 2024-06-07 400 call");
const far = option("MSFT 2024-06-21 400 call");

describe("a call calendar from an activity report: near leg expires, far leg sold later", () => {
  // Dates only, no orders: the two opens share the day's instant and their quantity.
  const result = computePnl(
    input({
      asOf: "2024-06-24",
      executions: [
        fill({ id: "a", code: "STO", contract: near, quantity: "2", price: "3.00", date: "2024-06-03" }),
        fill({ id: "b", code: "BTO", contract: far, quantity: "2", price: "6.00", date: "2024-06-03" }),
        fill({ id: "c", code: "STC", contract: far, quantity: "2", price: "7.50", date: "2024-06-10" }),
      ],
      events: [
        lifecycle({
          id: "x",
          type: "expiration",
          contract: near,
          quantity: "2",
          date: "2024-06-07",
          direction: "short",
        }),
      ],
    }),
  );
  const [chain] = result.chains;

  it("is one calendar chain, opened for a debit", () => {
    expect(result.chains).toHaveLength(1);
    expect(chain).toMatchObject({
      strategy: "calendar",
      status: "closed",
      closedOn: "2024-06-10",
      rolls: [],
    });
    expect(
      result.strategies.map((position) => [position.label, position.openingCash, position.cashKind]),
    ).toEqual([["calendar", "-600.00", "debit"]]);
  });

  it("does not call the near leg's expiry legging out: a calendar is built to outlive it", () => {
    expect(chain?.legOuts).toEqual([]);
    expect(chain?.legs.map((leg) => [leg.expiration, leg.outcome])).toEqual([
      ["2024-06-07", "expiration"],
      ["2024-06-21", "trade"],
    ]);
  });

  it("keeps the near leg's premium and the far leg's gain together", () => {
    // 600 kept on the near leg, −1,200 + 1,500 on the far leg.
    expect(chain?.realized).toBe("900.00");
    expect(reconciled(result)).toBe(true);
  });

  it("leaves a different quantity opened the same day as a position of its own", () => {
    const other = computePnl(
      input({
        asOf: "2024-06-04",
        executions: [
          fill({ id: "a", code: "STO", contract: near, quantity: "2", price: "3.00", date: "2024-06-03" }),
          fill({ id: "b", code: "BTO", contract: far, quantity: "3", price: "6.00", date: "2024-06-03" }),
        ],
      }),
    );
    expect(other.chains.map((item) => item.strategy)).toEqual(["short-call", "long-call"]);
  });
});
