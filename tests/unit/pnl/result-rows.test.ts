import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option } from "./support/builders";

/**
 * The long row lists of a result are built when first read. Whoever reads them — a spread, JSON,
 * a deep equality — must see ordinary, stable properties in the documented order.
 */
const put = option("SOFI 2023-08-04 7 put");
const history = input({
  asOf: "2023-07-31",
  executions: [
    fill({ id: "o1", code: "STO", contract: put, quantity: "2", price: "0.40", date: "2023-07-03" }),
    fill({ id: "c1", code: "BTC", contract: put, quantity: "1", price: "0.10", date: "2023-07-10" }),
  ],
  marks: { "SOFI|2023-08-04|put|7|100": "0.05" },
});

describe("result rows", () => {
  it("lists every field in the documented order", () => {
    expect(Object.keys(computePnl(history))).toEqual([
      "engineVersion",
      "asOf",
      "totals",
      "contracts",
      "byUnderlying",
      "byDay",
      "matches",
      "openLots",
      "openPositions",
      "stockPositions",
      "stockMatches",
      "chains",
      "wheelCycles",
      "strategies",
      "issues",
      "reconciliation",
    ]);
  });

  it("builds each row list once and keeps it", () => {
    const result = computePnl(history);
    const matches = result.matches;
    expect(matches).toHaveLength(1);
    expect(result.matches).toBe(matches);
    expect(result.openLots.map((lot) => lot.quantity)).toEqual(["1"]);
    expect(result.chains.map((chain) => chain.id)).toEqual([result.matches[0]?.chainId]);
  });

  it("serialises and copies the rows like plain data", () => {
    const result = computePnl(history);
    const copy = JSON.parse(JSON.stringify(result));
    expect(copy.matches[0]).toMatchObject({
      openExecutionId: "o1",
      closeExecutionId: "c1",
      realized: "30.00",
    });
    expect(copy.contracts[0]).toMatchObject({ contractKey: "SOFI|2023-08-04|put|7|100", openQuantity: "-1" });
    expect({ ...computePnl(history) }).toEqual(copy);
  });
});
