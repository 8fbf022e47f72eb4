import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option } from "../../pnl/support/builders";
import { reconcileAsStored } from "./support";

/**
 * A history that starts mid-position: an import whose first row buys back a put sold before the
 * file begins. No lot accounts for that close's cash, so the identity on the stored figures is off by
 * exactly that cash: the page shows it as a data problem instead of hiding it.
 */
const put = option("SOFI 2026-03-20 8 put");
const executions = [
  fill({
    id: "btc",
    code: "BTC",
    contract: put,
    quantity: "2",
    price: "0.15",
    fees: "0.03",
    date: "2026-03-02",
  }),
  fill({
    id: "sto",
    code: "STO",
    contract: put,
    quantity: "1",
    price: "0.40",
    fees: "0.02",
    date: "2026-03-03",
  }),
];
const result = computePnl(input({ asOf: "2026-03-04", executions, marks: {} }));

describe("a close whose opening fill is not in the history", () => {
  it("leaves a difference equal to that close's cash", () => {
    const identity = reconcileAsStored(result, executions);
    expect(identity.holds).toBe(false);
    // Bought back 2 × 0.15 × 100 = 30 plus 0.03 of fees: −30.03 of cash no lot explains.
    expect(identity.difference).toBe("30.03");
    expect(result.reconciliation.options.unmatchedCloseCash).toBe("-30.03");
  });
});
