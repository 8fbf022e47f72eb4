import { describe, expect, it } from "vitest";
import { netPremiumGrid } from "@/lib/analytics/explain";
import { parseDecimal } from "@/lib/money";

describe("net premium heat map", () => {
  const grid = netPremiumGrid([
    { underlying: "SOFI", strategy: "cash-secured-put", netPremium: parseDecimal("400.00"), chains: 4 },
    { underlying: "SOFI", strategy: "covered-call", netPremium: parseDecimal("99.99"), chains: 2 },
    { underlying: "AAPL", strategy: "cash-secured-put", netPremium: parseDecimal("-100.01"), chains: 1 },
    { underlying: "AAPL", strategy: null, netPremium: parseDecimal("0"), chains: 1 },
    { underlying: "SOFI", strategy: "cash-secured-put", netPremium: parseDecimal("0.01"), chains: 1 },
  ]);

  it("sums each underlying × strategy cell exactly, with row, column and grand totals", () => {
    expect(grid.strategies.map((column) => [column.label, column.total])).toEqual([
      ["Cash-secured put", "300.00"],
      ["Covered call", "99.99"],
      ["Not labelled", "0.00"],
    ]);
    expect(grid.rows.map((row) => [row.underlying, row.cells.map((cell) => cell.value), row.total])).toEqual([
      ["AAPL", ["-100.01", null, "0.00"], "-100.01"],
      ["SOFI", ["400.01", "99.99", null], "500.00"],
    ]);
    expect(grid.total).toBe("399.99");
  });

  it("says credit or debit in words and shades by size against the largest cell", () => {
    expect(grid.rows[1]?.cells.map((cell) => [cell.sign, cell.level, cell.chains])).toEqual([
      ["credit", 4, 5],
      ["credit", 1, 2],
      ["none", 0, 0],
    ]);
    // 100.01 of 400.01 is just over a quarter: the second level.
    expect(grid.rows[0]?.cells.map((cell) => [cell.sign, cell.level])).toEqual([
      ["debit", 2],
      ["none", 0],
      ["even", 0],
    ]);
  });
});
