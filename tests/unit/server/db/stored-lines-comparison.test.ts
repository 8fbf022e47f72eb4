import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonbShape, jsonbText } from "@/lib/server/db/jsonb-text";
import { canonicalLine, StoredLinesComparison } from "@/lib/server/db/stored-lines-comparison";
import { TYPE_OID } from "@/lib/server/db/stored-row-texts";

// A whole merge compares every given row with its stored line (`COPY … TO STDOUT`, each column
// printed in the given rows' spelling): one string comparison per unchanged row, and a value by
// value comparison only where the spellings differ.

const TEXT = 25;
const types = [TEXT, TEXT, TYPE_OID.numeric, TYPE_OID.timestamptz, TYPE_OID.jsonb];
const options = { keyWidth: 1, types };
const decimals = types.map((type) => type === TYPE_OID.numeric);
const given = (id: string, amount: string, doc = "[]") =>
  [id, "note\twith tab", amount, "2026-01-02 00:00:00+00", doc] as const;
const storedLine = (id: string, amount: string, doc = "[]") =>
  `${id}\tnote\\twith tab\t${amount}\t2026-01-02 00:00:00+00\t${doc}`;

/** Compares `rows` with stored lines given as COPY prints them, the text cut into pieces at `cuts`. */
function compareLines(rows: readonly (readonly string[])[], stored: readonly string[], cuts: number[] = []) {
  const comparison = new StoredLinesComparison(rows, options);
  const text = stored.map((line) => `${line}\n`).join("");
  let from = 0;
  for (const cut of [...cuts.map((at) => at % (text.length + 1)).sort((a, b) => a - b), text.length]) {
    comparison.push(text.slice(from, Math.max(from, cut)));
    from = Math.max(from, cut);
  }
  return comparison.end();
}

describe("comparing given rows with stored lines", () => {
  it("finds an unchanged row by one string comparison, whatever the zeros a decimal was given with", () => {
    expect(canonicalLine(given("a", "12.50"), decimals)).toBe(storedLine("a", "12.5"));
    expect(canonicalLine(given("a", "0.00"), decimals)).toBe(storedLine("a", "0"));
    expect(compareLines([given("a", "12.50")], [storedLine("a", "12.5")])).toEqual({
      rows: [],
      gone: [],
      reread: 0,
    });
  });

  it("reads a line spelled otherwise value by value, and finds it unchanged when its values are", () => {
    // PostgreSQL's jsonb spacing against JSON.stringify's, and a timestamp with a zero fraction.
    const stored = [`a\tnote\\twith tab\t12.5\t2026-01-02 00:00:00.000+00\t[{"k": 1}]`];
    const row = given("a", "12.5", JSON.stringify([{ k: 1 }]));
    expect(compareLines([row], stored)).toEqual({ rows: [], gone: [], reread: 1 });
  });

  it("gives the new and changed rows, and the keys of stored rows no longer given", () => {
    const stored = [storedLine("a", "12.5"), storedLine("b", "1"), storedLine("gone", "3")];
    const changed = given("b", "1.00000001");
    const added = given("c", "7");
    const result = compareLines([given("a", "12.5"), changed, added], stored);
    expect(result.rows).toEqual([changed, added]);
    expect(result.gone).toEqual([["gone"]]);
  });

  it("gives the same answer whatever order the stored lines come in and wherever the text is cut", () => {
    // Stored rows: ids 0..n-1, some changed, some gone; given rows: some of them, some new.
    const history = fc.record({
      stored: fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 30 }),
      given: fc.uniqueArray(fc.nat({ max: 40 }), { maxLength: 30 }),
      changed: fc.array(fc.nat({ max: 40 }), { maxLength: 5 }),
      cuts: fc.array(fc.nat(), { maxLength: 12 }),
    });
    fc.assert(
      fc.property(history, ({ stored, given: ids, changed, cuts }) => {
        const id = (number: number) => `id-${number}`;
        const amount = (number: number) => (changed.includes(number) ? `${number}.25` : `${number}.5`);
        const rows = ids.map((number) => given(id(number), `${number}.50`));
        const result = compareLines(
          rows,
          stored.map((number) => storedLine(id(number), amount(number))),
          cuts,
        );
        // What a map by key answers: new or changed given rows in their order, and stored keys not given.
        const storedSet = new Set(stored);
        expect(result.rows).toEqual(
          rows.filter((_, at) => !storedSet.has(ids[at] as number) || changed.includes(ids[at] as number)),
        );
        expect(result.gone).toEqual(
          stored.filter((number) => !ids.includes(number)).map((number) => [id(number)]),
        );
        expect(result.reread).toBe(
          ids.filter((number) => storedSet.has(number) && changed.includes(number)).length,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("never takes two stored lines for one given row, whatever a value holds", () => {
    // A timestamp (a type compared without escaping) that is no valid timestamp: its text is the
    // rest of the first line, a newline and the whole second one.
    const swallowing = [
      "a",
      "note\twith tab",
      "1",
      `2026-01-02 00:00:00+00\t[]\n${storedLine("b", "2").replace(/\t\[\]$/, "")}`,
      "[]",
    ] as const;
    const result = compareLines([swallowing], [storedLine("a", "1"), storedLine("b", "2")]);
    expect(result.rows).toEqual([swallowing]);
    expect(result.gone).toEqual([["b"]]);
  });

  it("prints each row's own text as COPY does when a column's value changes from row to row", () => {
    // Keys of a type never escaped, so only the text column can tell the rows' lines apart.
    const changes = (rows: (readonly string[])[], stored: string[]) => {
      const comparison = new StoredLinesComparison(rows, { keyWidth: 1, types: [TYPE_OID.int4, TEXT] });
      comparison.push(stored.map((line) => `${line}\n`).join(""));
      return comparison.end();
    };
    const rows = [
      ["1", "x\ty"],
      ["2", "x\ty"],
      ["3", "plain"],
      ["4", "x\ty"],
    ];
    expect(changes(rows, ["1\tx\\ty", "2\tx\\ty", "3\tplain", "4\tx\\ty"])).toEqual({
      rows: [],
      gone: [],
      reread: 0,
    });
    // The text of the row before, stored for a row given another one, is a change.
    expect(changes(rows, ["1\tx\\ty", "2\tx\\ty", "3\tx\\ty", "4\tx\\ty"]).rows).toEqual([rows[2]]);
  });

  it("leaves the user's column out of the stored lines, and refuses a given row of another user", () => {
    const user = "9f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5";
    const rows = [
      ["1", user, "12.50"],
      ["2", user, "3"],
    ];
    const options = {
      keyWidth: 1,
      types: [TYPE_OID.int4, TYPE_OID.numeric],
      fixed: { column: 1, value: user },
    };
    const comparison = new StoredLinesComparison(rows, options);
    comparison.push("1\t12.5\n2\t4\n");
    expect(comparison.end()).toEqual({ rows: [rows[1]], gone: [], reread: 1 });
    expect(() => new StoredLinesComparison([...rows, ["3", "another", "1"]], options)).toThrow(
      "a given row holds another in column 1",
    );
  });

  it("refuses a text that ends inside a row", () => {
    const comparison = new StoredLinesComparison([given("a", "1")], options);
    comparison.push(storedLine("a", "1"));
    expect(() => comparison.end()).toThrow("a COPY ended inside a row");
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
    // By bytes, not characters: "é" is two bytes long (0xC3 0xA9), so after "a" and after "zz".
    expect(jsonbText({ é: 1, zz: 2, a: 3, Z: 4 })).toBe('{"Z": 4, "a": 3, "zz": 2, "é": 1}');
  });

  it("spells a list of one shape's objects as jsonbText does, keys in PostgreSQL's order", () => {
    type Leg = { strike: string; date: string; é: number; quantity?: string; nested: unknown };
    const legs = jsonbShape<Leg>()(["strike", "date", "é", "quantity", "nested"]);
    const values: Leg[] = [
      { strike: "44.5", date: "2017-05-19", é: 1, quantity: "2", nested: { b: [1], a: "x\ty" } },
      { strike: "1", date: "2017-05-20", é: -0.5, quantity: undefined, nested: null },
    ];
    expect(legs.list([])).toBe("[]");
    expect(legs.list(values)).toBe(jsonbText(values));
    expect(legs.list(values)).toBe(
      '[{"é": 1, "date": "2017-05-19", "nested": {"a": "x\\ty", "b": [1]}, "strike": "44.5", "quantity": "2"}, ' +
        '{"é": -0.5, "date": "2017-05-20", "nested": null, "strike": "1"}]',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              strike: fc.string(),
              date: fc.string(),
              é: fc.double({ noNaN: true, noDefaultInfinity: true }),
              quantity: fc.string(),
              nested: fc.jsonValue(),
            },
            { requiredKeys: ["strike", "date", "é", "nested"] },
          ),
        ),
        (list) => legs.list(list as Leg[]) === jsonbText(list),
      ),
    );
  });
});
