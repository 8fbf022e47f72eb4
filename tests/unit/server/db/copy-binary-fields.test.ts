import { describe, expect, it } from "vitest";
import { CopyBinaryFields } from "@/lib/server/db/copy-binary-fields";
import { binaryCopy } from "@/tests/support/binary-copy";

// Binary COPY output split into fields, whatever its pieces cut: the header, a length, a field.

/** The rows read from `output` handed over in `pieces`, each field as text (or null for NULL). */
function rowsOf(pieces: Buffer[]) {
  const rows: (string | null)[][] = [];
  let row: (string | null)[] = [];
  const fields = new CopyBinaryFields({
    field(column, bytes, start, length) {
      expect(column).toBe(row.length);
      row.push(length < 0 ? null : bytes.toString("utf8", start, start + length));
    },
    endRow() {
      rows.push(row);
      row = [];
    },
  });
  for (const piece of pieces) fields.push(piece);
  fields.end();
  return rows;
}

const rows = [
  ["1", "one", null],
  ["2", "", "deux é\ttab\nnewline\\"],
  ["3", "x".repeat(700), "three"],
];

describe("binary COPY output, field by field", () => {
  it("reads every field, a NULL and an empty one apart, from one piece", () => {
    expect(rowsOf([binaryCopy(rows)])).toEqual(rows);
    expect(rowsOf([binaryCopy([])])).toEqual([]);
  });

  it("reads the same rows cut anywhere in two, and in pieces of every size", () => {
    const output = binaryCopy(rows, 3);
    for (let at = 0; at <= output.length; at++)
      expect(rowsOf([output.subarray(0, at), output.subarray(at)]), `cut at ${at}`).toEqual(rows);
    for (let size = 1; size <= 40; size++) {
      const pieces = Array.from({ length: Math.ceil(output.length / size) }, (_, index) =>
        output.subarray(index * size, (index + 1) * size),
      );
      expect(rowsOf(pieces), `pieces of ${size}`).toEqual(rows);
    }
  });

  it("leaves a piece's bytes as they came", () => {
    const output = binaryCopy(rows);
    const copy = Buffer.from(output);
    rowsOf([output.subarray(0, 30), output.subarray(30)]);
    expect(output.equals(copy)).toBe(true);
  });

  it("refuses output that is not a binary COPY's, ends inside a row, or goes on after its end", () => {
    expect(() => rowsOf([Buffer.from("1\tone\n2\ttwo\n3\tthree\n4\tfour\n")])).toThrow(
      "not the output of a binary COPY",
    );
    const output = binaryCopy(rows);
    expect(() => rowsOf([output.subarray(0, output.length - 5)])).toThrow(
      "binary COPY output ended inside a row",
    );
    expect(() => rowsOf([output.subarray(0, output.length - 2)])).toThrow("ended inside a row");
    expect(() => rowsOf([Buffer.concat([output, Buffer.from([0, 1, 0, 0, 0, 0])])])).toThrow(
      "goes on after its trailer",
    );
  });
});
