import { describe, expect, it } from "vitest";
import { computePnl, PnlInputError } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("incomplete or malformed input is reported, never silent", () => {
  const call = option("STEM 2021-06-18 30 call");

  it("a close whose opening fill predates the data matches nothing and stays out of realized P&L", () => {
    const result = computePnl(
      input({
        asOf: "2021-06-30",
        executions: [
          fill({ id: "btc", code: "BTC", contract: call, quantity: "1", price: "0.20", date: "2021-06-15" }),
        ],
        events: [
          lifecycle({ id: "oexp", type: "expiration", contract: call, quantity: "2", date: "2021-06-18" }),
        ],
      }),
    );
    expect(result.matches).toEqual([]);
    expect(result.totals).toMatchObject({ realized: "0.00", cashFlow: "-20.00" });
    expect(result.issues.map((issue) => [issue.code, issue.quantity])).toEqual([
      ["close-without-position", "1"],
      ["event-without-position", "2"],
    ]);
    expect(result.reconciliation.options).toMatchObject({
      unmatchedCloseCash: "-20.00",
      difference: "0.00",
      holds: true,
    });
  });

  it("fills dated after the as-of date are left out and listed", () => {
    const result = computePnl(
      input({
        asOf: "2021-06-10",
        executions: [
          fill({ id: "late", code: "STO", contract: call, quantity: "1", price: "0.20", date: "2021-06-11" }),
        ],
      }),
    );
    expect(result.contracts[0]?.cashFlow).toBe("0.00");
    expect(result.issues).toMatchObject([{ code: "after-as-of", executionId: "late" }]);
    expect(reconciled(result)).toBe(true);
  });

  it("malformed input throws one error listing every bad field by path", () => {
    const good = fill({
      id: "ok",
      code: "STO",
      contract: call,
      quantity: "1",
      price: "0.20",
      date: "2021-06-11",
    });
    const bad = () =>
      computePnl(
        input({
          asOf: "2021-06-30",
          executions: [
            good,
            { ...good, id: "q", quantity: "-1" },
            { ...good, id: "p", price: "0.1234567" },
            { ...good, id: "c", contract: { ...call, multiplier: "" } },
          ],
        }),
      );
    expect(bad).toThrow(PnlInputError);
    try {
      bad();
    } catch (error) {
      expect((error as PnlInputError).problems).toEqual([
        { path: "executions[1]", message: "quantity is not a positive decimal" },
        { path: "executions[2]", message: "price is not a non-negative decimal" },
        { path: "executions[3]", message: 'contract.multiplier is not a positive decimal: ""' },
      ]);
    }
  });
});

describe("execution ids", () => {
  it("two fills of one instant with the same id are refused: ids order same-instant fills", () => {
    const put = option("ACME 2024-01-19 20 put");
    const twin = fill({
      id: "same",
      code: "STO",
      contract: put,
      quantity: "1",
      price: "0.40",
      date: "2024-01-02",
    });
    expect(() => computePnl(input({ asOf: "2024-01-05", executions: [twin, { ...twin }] }))).toThrow(
      /duplicate execution id/,
    );
  });
});
