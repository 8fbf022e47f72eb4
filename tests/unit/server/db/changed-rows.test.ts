import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareWithStored } from "@/lib/server/db/changed-rows";
import type { TableRows } from "@/lib/server/db/copy-rows";
import {
  canonicalDecimal,
  comparerOf,
  epochMsOfTimestamp,
  parseTextArray,
  sameDecimal,
  TYPE_OID,
} from "@/lib/server/db/stored-row-texts";

// A scoped merge compares the rows it was given with the stored ones on the client: a value stored
// as PostgreSQL prints it must equal the same value spelled as the recompute writes it, and any real
// difference must count as a change.

// Types compared as text (their OIDs in pg_type), beside those read by meaning.
const UUID = 2950;
const TEXT = 25;
const DATE = 1082;
const INT = 23;
const {
  numeric: NUMERIC,
  timestamptz: TIMESTAMPTZ,
  jsonb: JSONB,
  textArray: TEXT_ARRAY,
  bool: BOOL,
} = TYPE_OID;

describe("values stored and given", () => {
  it("reads decimals as numbers, whatever their trailing zeros", () => {
    expect(canonicalDecimal("12.500000")).toBe("12.5");
    expect(canonicalDecimal("12.50")).toBe("12.5");
    expect(canonicalDecimal("100.000000")).toBe("100");
    expect(canonicalDecimal("-0.000000")).toBe("0");
    expect(canonicalDecimal("0.00")).toBe("0");
    expect(canonicalDecimal("-3")).toBe("-3");
    expect(canonicalDecimal("1000")).toBe("1000");
    const numeric = comparerOf(NUMERIC);
    expect(numeric?.("100.000000", "100.00")).toBe(true);
    expect(numeric?.("-12.345000", "-12.345")).toBe(true);
    expect(numeric?.("100.000000", "10.00")).toBe(false);
    expect(numeric?.("0.010000", "0.10")).toBe(false);
    expect(numeric?.("-1.000000", "1.00")).toBe(false);
  });

  it("tells decimals apart exactly as their canonical forms do, on random spellings", () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.stringMatching(/^(0|[1-9][0-9]{0,4})$/), fc.stringMatching(/^[0-9]{0,6}$/))
      .map(
        ([negative, whole, fraction]) => `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`,
      );
    // Pairs that are often one number: the same digits with zeros added to the fraction.
    const padded = decimal.chain((text) =>
      fc.nat({ max: 6 }).map((zeros) => (text.includes(".") ? text : `${text}.`) + "0".repeat(zeros)),
    );
    fc.assert(
      fc.property(fc.oneof(decimal, padded), fc.oneof(decimal, padded), (a, b) => {
        const tidy = (text: string) => (text.endsWith(".") ? text.slice(0, -1) : text);
        expect(sameDecimal(tidy(a), tidy(b))).toBe(canonicalDecimal(tidy(a)) === canonicalDecimal(tidy(b)));
      }),
      { numRuns: 5_000 },
    );
    for (const [a, b] of [
      ["100.000000", "100"],
      ["0.010000", "0.01"],
      ["-0.000000", "0.00"],
    ])
      expect(sameDecimal(a as string, b as string)).toBe(true);
    for (const [a, b] of [
      ["1000", "100.0"],
      ["100.000000", "10.00"],
      ["-1.000000", "1.00"],
    ])
      expect(sameDecimal(a as string, b as string)).toBe(false);
  });

  it("reads timestamps as instants, in either spelling and any zone", () => {
    const at = Date.UTC(2016, 10, 21);
    expect(epochMsOfTimestamp("2016-11-21 00:00:00+00")).toBe(at);
    expect(epochMsOfTimestamp("2016-11-20 19:00:00-05")).toBe(at);
    expect(epochMsOfTimestamp("2016-11-21 05:30:00+05:30")).toBe(at);
    expect(epochMsOfTimestamp("2016-11-21 00:00:00.25+00")).toBe(at + 250);
    expect(epochMsOfTimestamp("2016-11-21T00:00:00.000Z")).toBe(at);
    const timestamp = comparerOf(TIMESTAMPTZ);
    expect(timestamp?.("2016-11-20 19:00:00-05", "2016-11-21 00:00:00+00")).toBe(true);
    expect(timestamp?.("2016-11-22 00:00:00+00", "2016-11-21 00:00:00+00")).toBe(false);
    expect(timestamp?.("not a time", "not a time either")).toBe(false);
  });

  it("reads text arrays quoted or not", () => {
    expect(parseTextArray('{"EXPIRY","STRIKE"}')).toEqual(["EXPIRY", "STRIKE"]);
    expect(parseTextArray("{EXPIRY,STRIKE}")).toEqual(["EXPIRY", "STRIKE"]);
    expect(parseTextArray("{}")).toEqual([]);
    expect(parseTextArray('{"a \\"b\\"",c,NULL}')).toEqual(['a "b"', "c", null]);
    const array = comparerOf(TEXT_ARRAY);
    expect(array?.("{EXPIRY,STRIKE}", '{"EXPIRY","STRIKE"}')).toBe(true);
    expect(array?.("{STRIKE}", '{"EXPIRY","STRIKE"}')).toBe(false);
  });

  it("reads JSON by its values, not its spacing or key order", () => {
    const json = comparerOf(JSONB);
    expect(json?.('{"b": 1, "aa": [1, 2]}', '{"aa":[1,2],"b":1}')).toBe(true);
    expect(json?.("[]", "[]")).toBe(true);
    expect(json?.('{"b": 1}', '{"b":2}')).toBe(false);
    expect(json?.('{"b": "1"}', '{"b":1}')).toBe(false);
  });

  it("reads booleans in both spellings; other types compare as text", () => {
    expect(comparerOf(BOOL)?.("t", "true")).toBe(true);
    expect(comparerOf(BOOL)?.("f", "true")).toBe(false);
    for (const type of [UUID, TEXT, DATE, INT]) expect(comparerOf(type)).toBeNull();
  });
});

describe("compareWithStored", () => {
  const lots = (rows: (string | null)[][]): TableRows => ({
    table: "matched_lots",
    columns: ["id", "user_id", "quantity", "closed_at", "chain_id"],
    rows,
  });
  const fields = [UUID, UUID, NUMERIC, TIMESTAMPTZ, UUID].map((dataTypeID) => ({ dataTypeID }));
  const stored = [
    ["a1", "u", "1.000000", "2016-11-21 00:00:00+00", "c1"],
    ["a2", "u", "2.000000", "2016-11-22 00:00:00+00", "c1"],
    ["a3", "u", "3.000000", "2016-11-23 00:00:00+00", null],
  ];

  it("leaves out rows stored unchanged, keeps changed and new ones, lists the gone keys", () => {
    const changes = compareWithStored(
      lots([
        ["a1", "u", "1.00", "2016-11-21 00:00:00+00", "c1"], // unchanged, spelled otherwise
        ["a2", "u", "2.50", "2016-11-22 00:00:00+00", "c1"], // quantity changed
        ["a4", "u", "4.00", "2016-11-24 00:00:00+00", "c2"], // new
      ]),
      { fields, rows: stored },
    );
    expect(changes.rows.map((row) => row[0])).toEqual(["a2", "a4"]);
    expect(changes.gone).toEqual([["a3"]]);
  });

  it("counts a value that became null, or stopped being null, as a change", () => {
    const changes = compareWithStored(
      lots([
        ["a1", "u", "1.00", "2016-11-21 00:00:00+00", null],
        ["a2", "u", "2.00", "2016-11-22 00:00:00+00", "c1"],
        ["a3", "u", "3.00", "2016-11-23 00:00:00+00", "c3"],
      ]),
      { fields, rows: stored },
    );
    expect(changes.rows.map((row) => row[0])).toEqual(["a1", "a3"]);
    expect(changes.gone).toEqual([]);
  });

  it("keys a row by every key column", () => {
    const days: TableRows = {
      table: "daily_pnl",
      columns: ["trade_date", "underlying", "user_id", "realized_pnl"],
      rows: [
        ["2024-01-02", "SPY", "u", "10.00"],
        ["2024-01-02", "QQQ", "u", "5.00"],
      ],
      key: ["trade_date", "underlying"],
    };
    const changes = compareWithStored(days, {
      fields: [DATE, TEXT, UUID, NUMERIC].map((dataTypeID) => ({ dataTypeID })),
      rows: [
        ["2024-01-02", "SPY", "u", "10.000000"],
        ["2024-01-03", "SPY", "u", "1.000000"],
      ],
    });
    expect(changes.rows).toEqual([["2024-01-02", "QQQ", "u", "5.00"]]);
    expect(changes.gone).toEqual([["2024-01-03", "SPY"]]);
  });

  it("refuses a key that is not among the columns", () => {
    expect(() => compareWithStored({ ...lots([]), key: ["lot_key"] }, { fields, rows: [] })).toThrow(
      /its key is not among its columns/,
    );
  });
});
