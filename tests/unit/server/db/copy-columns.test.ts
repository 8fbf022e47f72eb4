import { describe, expect, it } from "vitest";
import { ByteKeys } from "@/lib/server/db/byte-keys";
import { CopyBinaryFields } from "@/lib/server/db/copy-binary-fields";
import {
  ColumnsOfFields,
  type CopyColumn,
  columnsSelect,
  keyColumn,
  nullableTextColumn,
  referenceColumn,
  repeatedTextAt,
  repeatedTextColumn,
  textColumn,
} from "@/lib/server/db/copy-columns";
import { binaryCopy } from "@/tests/support/binary-copy";

// A SELECT's binary COPY output read into one array per column, each decoded by its column's kind.

function read<Columns extends Record<string, CopyColumn<unknown>>>(
  columns: Columns,
  rows: readonly (readonly (string | null)[])[],
) {
  const table = new ColumnsOfFields(columns);
  const fields = new CopyBinaryFields(table);
  fields.push(binaryCopy(rows));
  fields.end();
  return table.values();
}

describe("a table read by COPY into columns", () => {
  it("selects the columns in order, in the order asked for", () => {
    const columns = { id: textColumn("id"), strategy: nullableTextColumn("opening_strategy") };
    expect(columnsSelect({ columns, from: "FROM t WHERE x = 1", orderBy: "at, id" })).toBe(
      "SELECT id, opening_strategy FROM t WHERE x = 1 ORDER BY at, id",
    );
    expect(columnsSelect({ columns, from: "FROM t" })).toBe("SELECT id, opening_strategy FROM t");
  });

  it("reads text, NULLs, and repeated text as each row's number among its distinct values", () => {
    const columns = {
      id: textColumn("id"),
      strategy: nullableTextColumn("opening_strategy"),
      price: repeatedTextColumn("price"),
      note: repeatedTextColumn("note", { nullable: true }),
    };
    const values = read(columns, [
      ["a", null, "1.50", null],
      ["b", "iron\tcondor", "1.50", "x\\y"],
      ["c", "", "2", "x\\y"],
    ]);
    expect(values).toEqual({
      count: 3,
      id: ["a", "b", "c"],
      strategy: [null, "iron\tcondor", ""],
      price: { rows: Int32Array.from([0, 0, 1]), texts: ["1.50", "2"] },
      note: { rows: Int32Array.from([-1, 0, 0]), texts: ["x\\y"] },
    });
    expect([0, 1, 2].map((row) => repeatedTextAt(values.note, row))).toEqual([null, "x\\y", "x\\y"]);
    expect(read(columns, [])).toEqual({
      count: 0,
      id: [],
      strategy: [],
      price: { rows: new Int32Array(0), texts: [] },
      note: { rows: new Int32Array(0), texts: [] },
    });
  });

  it("numbers repeated text across rows the column outgrows its first room by, values coming back", () => {
    const rows = Array.from({ length: 3000 }, (_, row) => [row % 7 === 0 ? null : `v${row % 5}`]);
    const { note } = read({ note: repeatedTextColumn("note", { nullable: true }) }, rows);
    expect(note.rows.length).toBe(3000);
    for (let row = 0; row < 3000; row++)
      expect(repeatedTextAt(note, row)).toBe(row % 7 === 0 ? null : `v${row % 5}`);
    expect([...note.texts].sort()).toEqual(["v0", "v1", "v2", "v3", "v4"]);
  });

  it("refuses a NULL where the column cannot hold one, rather than hand on a missing value", () => {
    const columns = { id: textColumn("id"), price: repeatedTextColumn("price") };
    expect(() => read(columns, [["a", null]])).toThrow("column price is NULL in row 0");
    expect(() =>
      read(columns, [
        ["a", "1"],
        [null, "1"],
      ]),
    ).toThrow("column id is NULL in row 1");
  });

  it("refuses rows of another shape than the columns", () => {
    const columns = { id: textColumn("id"), price: textColumn("price") };
    expect(() => read(columns, [["a"]])).toThrow("row 0 has 1 columns, not 2");
    expect(() => read(columns, [["a", "1", "2"]])).toThrow("row 0 has more than 2 columns");
  });

  it("joins a table to one read before by its key: each reference becomes that row's number", () => {
    const orderKeys = new ByteKeys();
    const orders = read({ id: keyColumn("id", orderKeys), account: textColumn("account_id") }, [
      ["o1", "A"],
      ["o2", "B"],
    ]);
    expect(orders).toEqual({ count: 2, id: null, account: ["A", "B"] });
    const legs = read(
      { id: textColumn("id"), order: referenceColumn("order_id", orderKeys, "option_orders") },
      [
        ["l1", "o2"],
        ["l2", "o1"],
        ["l3", "o2"],
      ],
    );
    expect(legs.order).toEqual(Int32Array.from([1, 0, 1]));
    expect(() => read({ order: referenceColumn("order_id", orderKeys, "option_orders") }, [["o3"]])).toThrow(
      "column order_id in row 0 names o3, not a row of option_orders read",
    );
    expect(() => read({ id: keyColumn("id", new ByteKeys()) }, [["o1"], ["o1"]])).toThrow(
      "column id repeats o1 in row 1",
    );
  });
});
