import { describe, expect, it } from "vitest";
import {
  columnsSelect,
  commaColumn,
  jsonColumn,
  readColumns,
  rowsSelect,
} from "@/lib/server/recompute/table-columns";

// A table read as columns: one aggregated text per column, split back into one array per column.

const COLUMNS = {
  id: commaColumn("id"),
  brokerId: jsonColumn("broker_id"),
  price: commaColumn("price"),
};

describe("a table read as columns", () => {
  it("aggregates every column with the same ordering, and counts the rows", () => {
    expect(columnsSelect({ columns: COLUMNS, from: "FROM t WHERE x = 1", orderBy: "at, id" })).toBe(
      "SELECT count(*), string_agg((id)::text, ',' ORDER BY at, id), json_agg(broker_id ORDER BY at, id), " +
        "string_agg((price)::text, ',' ORDER BY at, id) FROM t WHERE x = 1",
    );
    expect(rowsSelect({ columns: COLUMNS, from: "FROM t", orderBy: "at" })).toBe(
      "SELECT id, broker_id, price FROM t ORDER BY at",
    );
  });

  it("splits each column back into one value per row, free text and NULLs through JSON", () => {
    const read = readColumns(["3", "a,b,c", '["x,1",null,"z\\"q"]', "1.50000000,2,0.00000000"], COLUMNS);
    expect(read).toEqual({
      count: 3,
      id: ["a", "b", "c"],
      brokerId: ["x,1", null, 'z"q'],
      price: ["1.50000000", "2", "0.00000000"],
    });
  });

  it("reads no rows as empty columns (the aggregates of nothing are NULL)", () => {
    expect(readColumns(["0", null, null, null], COLUMNS)).toEqual({
      count: 0,
      id: [],
      brokerId: [],
      price: [],
    });
  });

  it("refuses a column whose values do not match the row count rather than shift rows", () => {
    // string_agg skips NULLs: a NULL in a comma column would leave it one value short.
    expect(() => readColumns(["3", "a,c", '["x","y","z"]', "1,2,3"], COLUMNS)).toThrow(
      /column id read 2 values for 3 rows/,
    );
    expect(() => readColumns(["1", "a", '["x","y"]', "1"], COLUMNS)).toThrow(/column brokerId/);
  });
});
