import { describe, expect, it } from "vitest";
import { textArrayElements } from "@/lib/server/db/binary-value-encoders";
import { binaryCopyChunks, binaryEncodersOf, type ColumnType } from "@/lib/server/db/copy-binary-rows";
import { DATE_TEXT, NUMERIC_TEXT, TEXT, timestampMs, UUID_TEXT } from "@/lib/server/db/copy-binary-values";
import { TYPE_OID } from "@/lib/server/db/stored-row-texts";

// The binary data read back by the decoders of the server's own binary output (checked against the
// server in tests/integration/db/copy-binary-values.test.ts); what the server makes of it is checked
// in tests/integration/db/copy-binary-rows.test.ts.

const UUID: ColumnType = { type: TYPE_OID.uuid, kind: "b" };
const NUMERIC: ColumnType = { type: TYPE_OID.numeric, kind: "b" };
const TIMESTAMPTZ: ColumnType = { type: TYPE_OID.timestamptz, kind: "b" };
const DATE: ColumnType = { type: TYPE_OID.date, kind: "b" };
const TEXT_COLUMN: ColumnType = { type: 25, kind: "b" };
const ENUM: ColumnType = { type: 99_999, kind: "e" };

/** The fields of each row of binary COPY data: each field's bytes, or null for NULL. */
function rowsOf(data: Buffer): (Buffer | null)[][] {
  expect(data.subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0");
  let at = 19;
  const rows: (Buffer | null)[][] = [];
  for (;;) {
    const width = data.readInt16BE(at);
    at += 2;
    if (width === -1) break;
    const row: (Buffer | null)[] = [];
    for (let field = 0; field < width; field++) {
      const length = data.readInt32BE(at);
      at += 4;
      row.push(length < 0 ? null : data.subarray(at, at + length));
      at += Math.max(length, 0);
    }
    rows.push(row);
  }
  expect(at).toBe(data.length);
  return rows;
}

function encode(rows: (string | null)[][], columns: ColumnType[]) {
  const encoders = binaryEncodersOf(columns);
  if (encoders === null) throw new Error("no encoders");
  const progress = { rows: -1 };
  const chunks = [...binaryCopyChunks(rows, encoders, progress)];
  return { chunks, rows: rowsOf(Buffer.concat(chunks)), written: progress.rows };
}

const read = (field: Buffer | null | undefined, as: typeof TEXT) =>
  field ? as(field, 0, field.length) : field;

describe("binaryCopyChunks", () => {
  it("writes decimals as numerics holding the same digits and scale", () => {
    const values = [
      "0",
      "-0",
      "-0.000",
      "1.50",
      "-39.07000000",
      "0.0001",
      "10000",
      "123456789.12345678",
      "007.5",
    ];
    const { rows } = encode(
      values.map((value) => [value]),
      [NUMERIC],
    );
    expect(rows.map(([field]) => read(field, NUMERIC_TEXT))).toEqual([
      "0",
      "0",
      "0.000",
      "1.50",
      "-39.07000000",
      "0.0001",
      "10000",
      "123456789.12345678",
      "7.5",
    ]);
  });

  it("writes ids, days, instants, texts and NULLs", () => {
    const id = "ea54964d-4686-8a3d-ba9b-e5f32468f9a8";
    const { rows } = encode(
      [
        [id.toUpperCase(), "2016-11-28", "2016-11-21 00:00:00+00", "café ☕", "LONG"],
        [id, "1999-12-31", "2024-02-29T13:45:07.123Z", "", null],
        [id, "2000-01-01", "1970-01-01 00:00:00.5+00:00", null, "SHORT"],
      ],
      [UUID, DATE, TIMESTAMPTZ, TEXT_COLUMN, ENUM],
    );
    expect(rows.map((row) => read(row[0], UUID_TEXT))).toEqual([id, id, id]);
    expect(rows.map((row) => read(row[1], DATE_TEXT))).toEqual(["2016-11-28", "1999-12-31", "2000-01-01"]);
    expect(rows.map((row) => timestampMs(row[2] as Buffer, 0, 8))).toEqual([
      Date.UTC(2016, 10, 21),
      Date.UTC(2024, 1, 29, 13, 45, 7, 123),
      500,
    ]);
    expect(rows.map((row) => read(row[3], TEXT))).toEqual(["café ☕", "", null]);
    expect(rows.map((row) => read(row[4], TEXT))).toEqual(["LONG", null, "SHORT"]);
  });

  it("ends the data before the first row it cannot read, for the rest to go as text", () => {
    const rows = [["1.5"], ["2"], ["1e3"], ["4"]];
    const encoded = encode(rows, [NUMERIC]);
    expect(encoded.written).toBe(2);
    expect(encoded.rows.map(([field]) => read(field, NUMERIC_TEXT))).toEqual(["1.5", "2"]);
    for (const odd of [["+1"], [".5"], ["5."], ["NaN"], ["1,5"]])
      expect(encode([odd], [NUMERIC]).written, odd[0]).toBe(0);
    for (const odd of ["infinity", "2024-13-01", "2023-02-29", "24-01-01", "0099-12-31"])
      expect(encode([[odd]], [DATE]).written, odd).toBe(0);
    for (const odd of [
      "2024-01-01 10:00:00-05",
      "2024-01-01",
      "2024-01-01 24:00:00+00",
      "2024-01-01 10:00:00.1234567+00",
    ])
      expect(encode([[odd]], [TIMESTAMPTZ]).written, odd).toBe(0);
    expect(encode([["{ea54964d-4686-8a3d-ba9b-e5f32468f9a8}"]], [UUID]).written).toBe(0);
  });

  it("keeps every row whole in one chunk when rows overflow a chunk", () => {
    const long = "x".repeat(300_000);
    const given = Array.from({ length: 9 }, (_, index) => [`${index}`, long]);
    const { chunks, rows } = encode(given, [NUMERIC, TEXT_COLUMN]);
    expect(chunks.length).toBeGreaterThan(2);
    expect(rows.map((row) => [read(row[0], NUMERIC_TEXT), read(row[1], TEXT)])).toEqual(given);
    // Each chunk but the first (signature) and the last (trailer) starts a row: 2 fields.
    for (const chunk of chunks.slice(1, -1)) expect(chunk.readInt16BE(0)).toBe(2);
  });

  it("has no encoder for a type it does not write", () => {
    expect(binaryEncodersOf([UUID, { type: 114, kind: "b" }])).toBeNull();
  });
});

describe("textArrayElements", () => {
  it("reads the elements as textArrayLiteral spells them", () => {
    expect(textArrayElements("{}")).toEqual([]);
    expect(textArrayElements('{a,"b c",NULL,"NULL","x\\"y\\\\z",""}')).toEqual([
      "a",
      "b c",
      null,
      "NULL",
      'x"y\\z',
      "",
    ]);
  });
});
