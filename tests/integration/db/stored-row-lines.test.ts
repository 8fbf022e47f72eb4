import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayTimestamp, sqlLiteral, textArrayLiteral } from "@/lib/server/db/copy-rows";
import { jsonbText } from "@/lib/server/db/jsonb-text";
import {
  changedRowsByLines,
  columnTypesOf,
  columnTypesQuery,
  READ_AS_GIVEN,
} from "@/lib/server/db/stored-row-lines";
import { canonicalDecimal } from "@/lib/server/db/stored-row-texts";
import { connectOwner } from "@/tests/support/test-database";

// The whole merge's comparison against what PostgreSQL really prints: rows written from their given
// text read back as the same lines (no value-by-value reading), and any real change is found.

const USER = "abababab-0000-4000-8000-000000000001";
const COLUMNS = ["id", "user_id", "amount", "opened_at", "day", "kinds", "doc", "note", "count"] as const;
type Row = (string | null)[];

let owner: Awaited<ReturnType<typeof connectOwner>>;
let types: ReadonlyMap<string, number>;

beforeAll(async () => {
  owner = await connectOwner();
  await owner.query(`CREATE TEMP TABLE lines_probe (
    id uuid PRIMARY KEY, user_id uuid NOT NULL, amount numeric(24, 8), opened_at timestamptz(3),
    day date, kinds text[], doc jsonb, note text, count int)`);
  // A session style and zone unlike the ones the lines are printed in: the read must set its own.
  await owner.query("SET DateStyle = 'SQL, DMY'");
  await owner.query("SET TimeZone = 'America/New_York'");
  const answered = await owner.query(columnTypesQuery(["lines_probe"]));
  types = columnTypesOf(answered.rows).get("lines_probe") ?? new Map();
});

afterAll(async () => {
  await owner.end();
});

/** Stores the rows (as their text) in a fresh table, then compares `given` with them. */
async function storeThenCompare(stored: Row[], given: Row[]) {
  await owner.query("BEGIN");
  try {
    await owner.query("DELETE FROM lines_probe");
    if (stored.length > 0)
      await owner.query(
        `INSERT INTO lines_probe (${COLUMNS.join(", ")}) VALUES ${stored
          .map((row) => `(${row.map(sqlLiteral).join(", ")})`)
          .join(", ")}`,
      );
    await owner.query(READ_AS_GIVEN);
    return await changedRowsByLines(owner, {
      userId: USER,
      table: { table: "lines_probe", columns: COLUMNS, rows: given },
      types,
    });
  } finally {
    await owner.query("ROLLBACK");
  }
}

const uuid = fc.uuid({ version: 4 });
// Decimals of numeric(24, 8) as the engine spells them: any trailing zeros, or none.
const decimal = fc
  .tuple(
    fc.boolean(),
    fc.bigInt({ min: 0n, max: 10n ** 16n - 1n }),
    fc.stringMatching(/^[0-9]{0,8}$/),
    fc.nat({ max: 4 }),
  )
  .map(([negative, whole, fraction, zeros]) => {
    const digits = fraction + "0".repeat(zeros);
    return `${negative ? "-" : ""}${whole}${digits ? `.${digits}` : ""}`;
  });
const day = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
// Text with what COPY escapes (tab, newline, backslash) and what it does not.
const text = fc.string({
  unit: fc.constantFrom("a", "Z", " ", "\t", "\n", "\\", '"', "'", ",", "{", "é", "€"),
});
// JSON with whole numbers below 10^15 only (PostgreSQL prints others as decimals, JavaScript with
// an exponent or a fraction: such a line is read value by value, as the last test shows).
const json = fc
  .jsonValue()
  .map((value) =>
    JSON.parse(
      JSON.stringify(value, (_, inner) => (typeof inner === "number" ? Math.trunc(inner % 1e15) : inner)),
    ),
  );

const row = fc
  .tuple(
    uuid,
    fc.option(decimal),
    fc.option(day),
    fc.option(fc.array(fc.oneof(text, fc.constantFrom("NULL", "null", "EXPIRY", "")), { maxLength: 3 })),
    fc.option(json),
    fc.option(text),
    fc.option(fc.integer()),
  )
  .map(
    ([id, amount, opened, kinds, doc, note, count]): Row => [
      id,
      USER,
      amount,
      opened === null ? null : dayTimestamp(opened),
      opened,
      kinds === null ? null : textArrayLiteral(kinds),
      doc === null ? null : jsonbText(doc),
      note,
      count === null ? null : String(count),
    ],
  );
const rows = fc.uniqueArray(row, { selector: (values) => values[0], minLength: 1, maxLength: 20 });

describe("changedRowsByLines", () => {
  it("reads stored rows back as the given rows' own lines", async () => {
    await fc.assert(
      fc.asyncProperty(rows, async (given) => {
        const result = await storeThenCompare(given, given);
        expect(result).toEqual({ rows: [], gone: [], reread: 0 });
      }),
      { numRuns: 40 },
    );
  });

  it("finds every changed, new and gone row", async () => {
    await fc.assert(
      fc.asyncProperty(rows, fc.nat(), fc.option(decimal), async (stored, pick, amount) => {
        const index = pick % stored.length;
        const before = stored[index] as Row;
        const changed: Row = [...before];
        changed[2] = amount;
        const same = (a: string | null, b: string | null) =>
          a === b || (a !== null && b !== null && canonicalDecimal(a) === canonicalDecimal(b));
        const added: Row = [...before];
        added[0] = "ffffffff-ffff-4fff-8fff-ffffffffffff";
        // Another row than the changed one is no longer given, when there is one.
        const dropped = stored.length > 1 ? (index + 1) % stored.length : -1;
        const given = [...stored.filter((_, at) => at !== index && at !== dropped), changed, added];
        const result = await storeThenCompare(stored, given);
        expect(result.gone).toEqual(dropped < 0 ? [] : [[(stored[dropped] as Row)[0]]]);
        expect(result.rows).toEqual([...(same(before[2] ?? null, amount) ? [] : [changed]), added]);
      }),
      { numRuns: 30 },
    );
  });

  it("reads a line PostgreSQL spelled otherwise value by value, and finds it unchanged", async () => {
    // COPY escapes a backspace, which the given line carries as it is; jsonb with a fraction.
    const given: Row = [
      "cdcdcdcd-0000-4000-8000-000000000001",
      USER,
      "1.50",
      "2026-01-02 00:00:00.250+00",
      "2026-01-02",
      null,
      '{"a":1.50}',
      "back\bspace",
      "3",
    ];
    expect(await storeThenCompare([given], [given])).toEqual({ rows: [], gone: [], reread: 1 });
  });
});
