import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option } from "./support/builders";

/**
 * The engine sizes its tables from the input: at most one match per lot plus one per closing fill
 * and event. This history reaches that bound exactly — every contract is opened once, partly bought
 * back, partly assigned early and the rest left to expire unrecorded — and must come out the same
 * as the stories where each step happens alone.
 */
const CONTRACTS = 200;
const executions = [];
const events = [];
for (let index = 0; index < CONTRACTS; index++) {
  const put = option(`XYZ 2023-06-16 ${10 + index} put`);
  executions.push(
    fill({ id: `o${index}`, code: "STO", contract: put, quantity: "3", price: "1.00", date: "2023-06-01" }),
    fill({ id: `c${index}`, code: "BTC", contract: put, quantity: "1", price: "0.40", date: "2023-06-05" }),
  );
  events.push(
    lifecycle({ id: `a${index}`, type: "assignment", contract: put, quantity: "1", date: "2023-06-09" }),
  );
}
const result = computePnl(input({ asOf: "2023-06-20", executions, events }));

describe("a history at the bound of the engine's match table", () => {
  it("has one match per lot, closing fill and event", () => {
    expect(result.matches).toHaveLength(executions.length + events.length);
    const kinds = result.matches.map((match) => match.closeKind);
    expect(kinds.filter((kind) => kind === "trade")).toHaveLength(CONTRACTS);
    expect(kinds.filter((kind) => kind === "assignment")).toHaveLength(CONTRACTS);
    expect(kinds.filter((kind) => kind === "expiration-inferred")).toHaveLength(CONTRACTS);
  });

  it("realizes each step of every contract", () => {
    // Per contract: 1 bought back for 100 − 40, 1 assigned and 1 expired at 100 each.
    expect(result.matches.filter((match) => match.closeKind === "trade").map((m) => m.realized)).toEqual(
      Array(CONTRACTS).fill("60.00"),
    );
    expect(result.totals.realized).toBe("52000.00");
    expect(result.contracts.every((contract) => contract.realized === "260.00")).toBe(true);
    expect(result.reconciliation.options.holds).toBe(true);
    expect(result.openLots).toHaveLength(0);
  });
});
