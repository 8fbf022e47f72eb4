import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlLiteral, stageTables, textArrayLiteral } from "@/lib/server/db/copy-rows";
import { connectOwner } from "@/tests/support/test-database";

// Rows staged by COPY go in binary where every column has an encoder (copy-binary-rows.ts). Whatever
// the values, the staged rows must be the rows PostgreSQL's own text input makes of the same text:
// each batch is staged by `stageTables` and inserted as SQL literals into a second table, and the two
// must hold the same rows. Values the encoders do not read (an exponent, an infinite day, another
// zone) go by the text COPY that follows, from the first of them on.

const COLUMNS = [
  "id",
  "amount",
  "opened_at",
  "day",
  "count",
  "small",
  "flag",
  "doc",
  "kinds",
  "note",
  "side",
];
type Row = (string | null)[];

let owner: pg.Client;

beforeAll(async () => {
  owner = await connectOwner();
  for (const table of ["binary_probe", "literal_probe"])
    await owner.query(`CREATE TEMP TABLE ${table} (
      id uuid NOT NULL, amount numeric(24, 8), opened_at timestamptz(3), day date, count int,
      small int2, flag bool, doc jsonb, kinds text[], note text, side "LotSide")`);
  // A session zone and style unlike UTC's: what is staged must not depend on them.
  await owner.query("SET TimeZone = 'America/New_York'");
  await owner.query("SET DateStyle = 'SQL, DMY'");
});

afterAll(async () => {
  await owner.end();
});

const two = (value: number) => String(value).padStart(2, "0");
const day = fc
  .record({
    year: fc.integer({ min: 1900, max: 2200 }),
    month: fc.integer({ min: 1, max: 12 }),
    date: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ year, month, date }) => `${year}-${two(month)}-${two(date)}`);
const decimal = fc
  .record({
    negative: fc.boolean(),
    integer: fc.stringMatching(/^[0-9]{1,16}$/),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,8}$/), { nil: null }),
  })
  .map(
    ({ negative, integer, fraction }) =>
      `${negative ? "-" : ""}${integer}${fraction === null ? "" : `.${fraction}`}`,
  );
const instant = fc
  .record({
    day,
    hours: fc.integer({ min: 0, max: 23 }),
    minutes: fc.integer({ min: 0, max: 59 }),
    seconds: fc.integer({ min: 0, max: 59 }),
    fraction: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: null }),
    spelling: fc.constantFrom(" |+00", "T|Z", " |+00:00"),
  })
  .map(({ day, hours, minutes, seconds, fraction, spelling }) => {
    const [separator, zone] = spelling.split("|");
    return `${day}${separator}${two(hours)}:${two(minutes)}:${two(seconds)}${fraction === null ? "" : `.${fraction}`}${zone}`;
  });
const text = fc.string({ unit: "grapheme", maxLength: 12 }).filter((value) => !value.includes("\0"));
const row: fc.Arbitrary<Row> = fc.tuple(
  fc.uuid(),
  fc.option(decimal, { nil: null }),
  fc.option(instant, { nil: null }),
  fc.option(day, { nil: null }),
  fc.option(fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }).map(String), { nil: null }),
  fc.option(fc.integer({ min: -32_768, max: 32_767 }).map(String), { nil: null }),
  fc.option(fc.constantFrom("t", "f", "true", "false"), { nil: null }),
  fc.option(
    fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
    { nil: null },
  ),
  fc.option(fc.array(text, { maxLength: 4 }).map(textArrayLiteral), { nil: null }),
  fc.option(text, { nil: null }),
  fc.option(fc.constantFrom("LONG", "SHORT"), { nil: null }),
);

/** How many staged rows and literal rows differ (both ways), and how many rows were staged. */
async function stageAndCompare(rows: Row[]) {
  await owner.query("BEGIN");
  try {
    await owner.query("DELETE FROM literal_probe");
    await owner.query(
      `INSERT INTO literal_probe (${COLUMNS.join(", ")}) VALUES ${rows
        .map((values) => `(${values.map(sqlLiteral).join(", ")})`)
        .join(", ")}`,
    );
    const { staged } = await stageTables(owner as unknown as pg.PoolClient, [
      { table: "binary_probe", columns: COLUMNS, rows },
    ]);
    const name = staged[0]?.name;
    const { rows: answer } = await owner.query(
      `SELECT (SELECT count(*) FROM (TABLE ${name} EXCEPT ALL TABLE literal_probe) a)::int AS extra,
              (SELECT count(*) FROM (TABLE literal_probe EXCEPT ALL TABLE ${name}) b)::int AS missing,
              (SELECT count(*) FROM ${name})::int AS staged`,
    );
    return answer[0] as { extra: number; missing: number; staged: number };
  } finally {
    await owner.query("ROLLBACK");
  }
}

describe("rows staged in binary", () => {
  it("are the rows the text input makes of the same values", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 40 }), async (rows) => {
        expect(await stageAndCompare(rows)).toEqual({ extra: 0, missing: 0, staged: rows.length });
      }),
      { numRuns: 60 },
    );
  });

  it("go on as text from the first value the encoders do not read", async () => {
    const id = (index: number) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`;
    const plain: Row = [
      id(0),
      "1.5",
      "2024-01-02 15:04:05.123+00",
      "2024-01-02",
      "7",
      "1",
      "t",
      '{"a":1}',
      "{x}",
      "n",
      "LONG",
    ];
    const rows: Row[] = [
      plain,
      [id(1), "1e3", ...plain.slice(2)],
      [id(2), plain[1] ?? null, "2024-01-02 10:04:05-05", ...plain.slice(3)],
      [id(3), ...plain.slice(1, 3), "infinity", ...plain.slice(4)],
      [id(4), ...plain.slice(1, 9), " spaced ", ...plain.slice(10)],
      [id(5), ...plain.slice(1)],
    ];
    expect(await stageAndCompare(rows)).toEqual({ extra: 0, missing: 0, staged: rows.length });
  });
});
