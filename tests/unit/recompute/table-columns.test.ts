import { describe, expect, it } from "vitest";
import { column, columnsOfRows, nullableColumn, rowsSelect } from "@/lib/server/recompute/table-columns";

// A table read as rows of text, handed on as one array per column.

const COLUMNS = {
  id: column("id"),
  strategy: nullableColumn("opening_strategy"),
  price: column("price"),
};

describe("a table read as rows and handed on as columns", () => {
  it("selects the columns in order, in the order asked for", () => {
    expect(rowsSelect({ columns: COLUMNS, from: "FROM t WHERE x = 1", orderBy: "at, id" })).toBe(
      "SELECT id, opening_strategy, price FROM t WHERE x = 1 ORDER BY at, id",
    );
    expect(rowsSelect({ columns: COLUMNS, from: "FROM t" })).toBe(
      "SELECT id, opening_strategy, price FROM t",
    );
  });

  it("turns each row's values into one value per row of each column", () => {
    const read = columnsOfRows(
      [
        ["a", null, "1.50000000"],
        ["b", "iron_condor", "2"],
      ],
      COLUMNS,
    );
    expect(read).toEqual({
      count: 2,
      id: ["a", "b"],
      strategy: [null, "iron_condor"],
      price: ["1.50000000", "2"],
    });
    expect(columnsOfRows([], COLUMNS)).toEqual({ count: 0, id: [], strategy: [], price: [] });
  });

  it("refuses a NULL where the column cannot hold one, rather than hand on a missing value", () => {
    expect(() => columnsOfRows([["a", null, null]], COLUMNS)).toThrow("column price is NULL in row 0");
    expect(() => columnsOfRows([["a", null]], COLUMNS)).toThrow("column price is NULL in row 0");
  });
});
