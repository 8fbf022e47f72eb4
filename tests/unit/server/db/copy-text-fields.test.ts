import { describe, expect, it } from "vitest";
import { CopyTextFields, copyFieldText, isCopyNull } from "@/lib/server/db/copy-text-fields";

// COPY's text format as the server prints it: tab between fields, newline after each row, `\N` for
// NULL, a backslash before every escaped byte. Each row below is read back to its values.

/** The values of every row of `output`, cut into chunks at `cuts` (byte offsets). */
function rowsOf(output: Buffer, cuts: number[] = []): (string | null)[][] {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  const fields = new CopyTextFields({
    field(column, bytes, start, end, escaped) {
      expect(column).toBe(row.length);
      row.push(escaped && isCopyNull(bytes, start, end) ? null : copyFieldText(bytes, start, end, escaped));
    },
    endRow() {
      rows.push(row);
      row = [];
    },
  });
  let from = 0;
  for (const cut of [...cuts, output.length]) {
    fields.push(output.subarray(from, cut));
    from = cut;
  }
  fields.end();
  return rows;
}

const OUTPUT = Buffer.from(
  [
    "a\t\\N\t1.50000000\n",
    "\tb\\\\c\t\\N\n", // an empty string, a backslash, NULL
    "tab\\there\tline\\nbreak\\rcr\tback\\\\N\n", // `\\N` is the text \N, not NULL
    "Zürich €\t\\b\\f\\v\t\\101\\x42\\q\n", // UTF-8; the rarer escapes; an escaped ordinary byte
  ].join(""),
);
const ROWS = [
  ["a", null, "1.50000000"],
  ["", "b\\c", null],
  ["tab\there", "line\nbreak\rcr", "back\\N"],
  ["Zürich €", "\b\f\v", "ABq"],
];

describe("COPY text output read field by field", () => {
  it("reads NULLs, empty strings, escapes and multi-byte text exactly", () => {
    expect(rowsOf(OUTPUT)).toEqual(ROWS);
  });

  it("reads the same rows however the output is cut into chunks", () => {
    // Every single cut: inside a field, a row, an escape, a multi-byte character, at a newline.
    for (let cut = 0; cut <= OUTPUT.length; cut++) expect(rowsOf(OUTPUT, [cut])).toEqual(ROWS);
    // Every byte a chunk of its own.
    expect(
      rowsOf(
        OUTPUT,
        Array.from({ length: OUTPUT.length }, (_, index) => index),
      ),
    ).toEqual(ROWS);
  });

  it("refuses output that ends inside a row", () => {
    const fields = new CopyTextFields({ field() {}, endRow() {} });
    fields.push(Buffer.from("a\tb\nc\t"));
    expect(() => fields.end()).toThrow("COPY output ended inside a row");
  });

  it("tells NULL from the text \\N and from an empty string", () => {
    const bytes = Buffer.from("\\N|\\\\N|");
    expect(isCopyNull(bytes, 0, 2)).toBe(true);
    expect(isCopyNull(bytes, 3, 6)).toBe(false);
    expect(isCopyNull(bytes, 7, 7)).toBe(false);
  });
});
