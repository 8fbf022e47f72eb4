import { describe, expect, it } from "vitest";
import { nextSorting, sortAndFilterRows } from "@/components/tables/sort-rows";
import type { TableColumn } from "@/components/tables/sortable-table";

type Row = { symbol: string; realized: number | null };

const symbol: TableColumn<Row> = {
  id: "symbol",
  header: "Symbol",
  sortValue: (row) => row.symbol,
  filterText: (row) => row.symbol,
  cell: (row) => row.symbol,
};
const realized: TableColumn<Row> = {
  id: "realized",
  header: "Realized",
  numeric: true,
  sortValue: (row) => row.realized,
  cell: (row) => row.realized,
};
const columns = [symbol, realized];
const rows: Row[] = [
  { symbol: "SOFI", realized: 120 },
  { symbol: "AAPL", realized: null },
  { symbol: "SPY", realized: -40 },
  { symbol: "AMD", realized: 120 },
];
const symbols = (sorted: Row[]) => sorted.map((row) => row.symbol);

describe("a sortable table's rows", () => {
  it("sort figures from the largest first, then reversed, then back to their own order", () => {
    const first = nextSorting(null, realized, rows);
    expect(first).toEqual({ id: "realized", desc: true });
    // Ties keep the rows' order; a row without a value is last either way.
    expect(symbols(sortAndFilterRows(rows, columns, first, ""))).toEqual(["SOFI", "AMD", "SPY", "AAPL"]);
    const second = nextSorting(first, realized, rows);
    expect(second).toEqual({ id: "realized", desc: false });
    expect(symbols(sortAndFilterRows(rows, columns, second, ""))).toEqual(["SPY", "SOFI", "AMD", "AAPL"]);
    expect(nextSorting(second, realized, rows)).toBeNull();
    expect(symbols(sortAndFilterRows(rows, columns, null, ""))).toEqual(symbols(rows));
  });

  it("sort text from A first, and a click on another column starts it afresh", () => {
    const byRealized = { id: "realized", desc: false };
    const bySymbol = nextSorting(byRealized, symbol, rows);
    expect(bySymbol).toEqual({ id: "symbol", desc: false });
    expect(symbols(sortAndFilterRows(rows, columns, bySymbol, ""))).toEqual(["AAPL", "AMD", "SOFI", "SPY"]);
  });

  it("filter on the searchable columns only, ignoring case and spaces around", () => {
    expect(symbols(sortAndFilterRows(rows, columns, null, "  s "))).toEqual(["SOFI", "SPY"]);
    // 120 is a realized figure, and that column is not searched.
    expect(sortAndFilterRows(rows, columns, null, "120")).toEqual([]);
  });
});
