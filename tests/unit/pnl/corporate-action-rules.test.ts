import { describe, expect, it } from "vitest";
import { computePnl, type PnlCorporateAction, PnlInputError } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";
import { rename, split } from "./support/corporate-actions";

/** The edges of corporate actions: what they touch, what they leave alone, and bad input. */
describe("corporate action rules", () => {
  const near = option("LCA 2021-01-15 25 call");
  const far = option("LCA 2021-02-19 25 call");
  const merger = rename({ id: "oca", date: "2021-01-20", from: "LCA", to: "GNOG" });

  it("leaves a contract that expired before the rename to expire under its old symbol", () => {
    const result = computePnl(
      input({
        asOf: "2021-02-28",
        executions: [
          fill({ id: "a", code: "STO", contract: near, quantity: "1", price: "1.00", date: "2021-01-04" }),
          fill({ id: "b", code: "STO", contract: far, quantity: "1", price: "2.00", date: "2021-01-04" }),
        ],
        events: [
          lifecycle({
            id: "x",
            type: "expiration",
            contract: option("GNOG 2021-02-19 25 call"),
            quantity: "1",
            date: "2021-02-19",
          }),
        ],
        corporateActions: [merger],
      }),
    );
    // In replay order: inferred expiries are booked after the last event.
    expect(result.matches.map((match) => [match.contractKey, match.closeKind, match.realized])).toEqual([
      ["GNOG|2021-02-19|call|25|100", "expiration", "200.00"],
      ["LCA|2021-01-15|call|25|100", "expiration-inferred", "100.00"],
    ]);
    // Both calls were sold together (two shorts: a custom structure), so they are one chain, which
    // ends under the new symbol.
    expect(
      result.chains.map((chain) => [chain.underlying, chain.strategy, chain.adjustments.length]),
    ).toEqual([["GNOG", "custom", 1]]);
    expect(result.issues.map((issue) => issue.code)).toEqual(["expired-inferred"]);
  });

  it("touches only the account and the symbol it names", () => {
    const result = computePnl(
      input({
        asOf: "2021-01-25",
        executions: [
          fill({ id: "a", code: "STO", contract: far, quantity: "1", price: "2.00", date: "2021-01-04" }),
          fill({
            id: "b",
            code: "STO",
            contract: far,
            quantity: "1",
            price: "2.00",
            date: "2021-01-04",
            accountId: "acct-2",
          }),
          fill({
            id: "c",
            code: "BTO",
            contract: option("SPY 2021-02-19 400 call"),
            quantity: "1",
            price: "3.00",
            date: "2021-01-04",
          }),
        ],
        corporateActions: [merger],
      }),
    );
    expect(result.openPositions.map((position) => [position.accountId, position.contractKey])).toEqual([
      ["acct-1", "GNOG|2021-02-19|call|25|100"],
      ["acct-2", "LCA|2021-02-19|call|25|100"],
      ["acct-1", "SPY|2021-02-19|call|400|100"],
    ]);
  });

  it("joins a position the source already reported under the new symbol into one position and chain", () => {
    const renamedFar = option("GNOG 2021-02-19 25 call");
    const result = computePnl(
      input({
        asOf: "2021-02-01",
        executions: [
          fill({ id: "a", code: "STO", contract: far, quantity: "1", price: "2.00", date: "2021-01-04" }),
          // Reported under the new root a day before the rename took effect.
          fill({
            id: "b",
            code: "STO",
            contract: renamedFar,
            quantity: "1",
            price: "1.00",
            date: "2021-01-19",
          }),
          // −2 × 0.50 × 100: FIFO takes the LCA lot first, then the GNOG one.
          fill({
            id: "c",
            code: "BTC",
            contract: renamedFar,
            quantity: "2",
            price: "0.50",
            date: "2021-01-25",
          }),
        ],
        corporateActions: [merger],
      }),
    );
    expect(result.matches.map((match) => [match.openExecutionId, match.realized])).toEqual([
      ["b", "50.00"],
      ["a", "150.00"],
    ]);
    expect(result.chains).toHaveLength(1);
    expect(result.chains[0]).toMatchObject({ status: "closed", realized: "200.00", underlying: "GNOG" });
    expect(reconciled(result)).toBe(true);
  });

  it("gives the same result whatever order the actions and fills arrive in", () => {
    const actions: PnlCorporateAction[] = [
      split({ id: "s", date: "2021-01-10", symbol: "LCA", ratio: "2:1" }),
      merger,
    ];
    const executions = [
      fill({ id: "a", code: "STO", contract: far, quantity: "1", price: "2.00", date: "2021-01-04" }),
      fill({
        id: "b",
        code: "BTC",
        contract: option("GNOG 2021-02-19 12.5 call"),
        quantity: "2",
        price: "0.40",
        date: "2021-01-25",
      }),
    ];
    const forward = computePnl(input({ asOf: "2021-02-01", executions, corporateActions: actions }));
    const backward = computePnl(
      input({
        asOf: "2021-02-01",
        executions: [...executions].reverse(),
        corporateActions: [...actions].reverse(),
      }),
    );
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
    // 200.00 − 80.00, after a split (1 at 25 → 2 at 12.50) and then a rename.
    expect(forward.totals.realized).toBe("120.00");
    expect(forward.chains[0]?.adjustments.map((step) => step.label)).toEqual([
      "split 2:1",
      "renamed LCA → GNOG",
    ]);
    expect(forward.issues).toEqual([]);
  });

  it("lists actions after the as-of date as issues and leaves them out", () => {
    const result = computePnl(
      input({
        asOf: "2021-01-10",
        executions: [
          fill({ id: "a", code: "STO", contract: far, quantity: "1", price: "2.00", date: "2021-01-04" }),
        ],
        corporateActions: [merger],
      }),
    );
    expect(result.issues.map((issue) => issue.code)).toEqual(["after-as-of", "missing-mark"]);
    expect(result.openPositions[0]?.contractKey).toBe("LCA|2021-02-19|call|25|100");
  });

  it("rejects malformed actions, naming each one", () => {
    const bad = [
      { ...merger, newSymbol: "" },
      { ...merger, newSymbol: "LCA" },
      { ...split({ id: "s", date: "2021-01-10", symbol: "LCA", ratio: "2:1" }), sharesBefore: "0" },
      { ...merger, date: "1/20/2021" },
      { ...merger, type: "spinoff" },
    ] as PnlCorporateAction[];
    const run = () => computePnl(input({ asOf: "2021-02-01", corporateActions: bad }));
    expect(run).toThrow(PnlInputError);
    try {
      run();
    } catch (error) {
      expect((error as PnlInputError).problems).toEqual([
        { path: "corporateActions[0]", message: "newSymbol is empty" },
        { path: "corporateActions[1]", message: "newSymbol is the same as symbol" },
        { path: "corporateActions[2]", message: "sharesBefore is not a positive decimal" },
        { path: "corporateActions[3]", message: "date is not a YYYY-MM-DD date" },
        { path: "corporateActions[4]", message: 'type must be "rename" or "split"' },
      ]);
    }
  });
});
