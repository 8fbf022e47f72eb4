import { describe, expect, it } from "vitest";
import { jsonbText } from "@/lib/server/db/jsonb-text";
import { canonicalLine, compareLines, copyLineFields } from "@/lib/server/db/stored-row-lines";
import { comparerOf, TYPE_OID } from "@/lib/server/db/stored-row-texts";

// A whole merge compares every given row with its stored line (`COPY … TO STDOUT`, each column
// printed in the given rows' spelling): one string comparison per unchanged row, and a value by
// value comparison only where the spellings differ.

const TEXT = 25;
const types = [TEXT, TEXT, TYPE_OID.numeric, TYPE_OID.timestamptz, TYPE_OID.jsonb];
const options = {
  keyWidth: 1,
  decimals: types.map((type) => type === TYPE_OID.numeric),
  comparers: types.map(comparerOf),
};
const given = (id: string, amount: string, doc = "[]") =>
  [id, "note\twith tab", amount, "2026-01-02 00:00:00+00", doc] as const;
const storedLine = (id: string, amount: string, doc = "[]") =>
  `${id}\tnote\\twith tab\t${amount}\t2026-01-02 00:00:00+00\t${doc}`;

describe("comparing given rows with stored lines", () => {
  it("finds an unchanged row by one string comparison, whatever the zeros a decimal was given with", () => {
    expect(canonicalLine(given("a", "12.50"), options.decimals)).toBe(storedLine("a", "12.5"));
    expect(canonicalLine(given("a", "0.00"), options.decimals)).toBe(storedLine("a", "0"));
    const stored = new Map([["a", storedLine("a", "12.5")]]);
    expect(compareLines([given("a", "12.50")], stored, options)).toEqual({ rows: [], gone: [], reread: 0 });
  });

  it("reads a line spelled otherwise value by value, and finds it unchanged when its values are", () => {
    // PostgreSQL's jsonb spacing against JSON.stringify's, and a timestamp with a zero fraction.
    const stored = new Map([["a", `a\tnote\\twith tab\t12.5\t2026-01-02 00:00:00.000+00\t[{"k": 1}]`]]);
    const row = given("a", "12.5", JSON.stringify([{ k: 1 }]));
    expect(compareLines([row], stored, options)).toEqual({ rows: [], gone: [], reread: 1 });
  });

  it("gives the new and changed rows, and the keys of stored rows no longer given", () => {
    const stored = new Map([
      ["a", storedLine("a", "12.5")],
      ["b", storedLine("b", "1")],
      ["gone", storedLine("gone", "3")],
    ]);
    const changed = given("b", "1.00000001");
    const added = given("c", "7");
    const result = compareLines([given("a", "12.5"), changed, added], stored, options);
    expect(result.rows).toEqual([changed, added]);
    expect(result.gone).toEqual([["gone"]]);
  });

  it("decodes the escapes PostgreSQL prints, and NULL", () => {
    expect(copyLineFields("a\\tb\t\\N\tc\\\\d\t\\b\\f\\v\\n\\r")).toEqual([
      "a\tb",
      null,
      "c\\d",
      "\b\f\v\n\r",
    ]);
  });

  it("spells JSON as PostgreSQL prints a jsonb: spaced, keys shortest first and then by their bytes", () => {
    expect(jsonbText([])).toBe("[]");
    expect(jsonbText({})).toBe("{}");
    expect(
      jsonbText({ strike: "44.5", date: "2017-05-19", expiration: "x", optionType: "y", skip: undefined }),
    ).toBe('{"date": "2017-05-19", "strike": "44.5", "expiration": "x", "optionType": "y"}');
    expect(jsonbText([1, "a\nb", null, true, [{ b: 2, a: [] }]])).toBe(
      '[1, "a\\nb", null, true, [{"a": [], "b": 2}]]',
    );
  });
});
