import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ByteKeys } from "@/lib/server/db/byte-keys";
import { DATE_TEXT, NUMERIC_TEXT, TEXT, UUID_TEXT } from "@/lib/server/db/copy-binary-values";
import {
  keyColumn,
  readCopyColumnsTogether,
  referenceColumn,
  repeatedTextColumn,
  textColumn,
  timestampMsColumn,
} from "@/lib/server/db/copy-columns";
import { epochMs } from "@/lib/server/recompute/epoch-ms";
import { connectOwner } from "@/tests/support/test-database";

// Values read from PostgreSQL's binary COPY must read as the server's own text of them: the loader
// parses decimals, dates and ids from that text, and a saved input's digest compares it. Each value
// here is read both ways, in one query, from the real server.

let owner: Awaited<ReturnType<typeof connectOwner>>;

beforeAll(async () => {
  owner = await connectOwner();
});

afterAll(async () => {
  await owner.end();
});

/** Each SQL value read in binary by `as`, and the server's text of it. */
async function bothWays(type: string, values: string[], as: typeof TEXT) {
  const list = values.map((value) => `(${value})`).join(", ");
  const [read] = await readCopyColumnsTogether(owner, [
    {
      select: `SELECT v, v::text FROM (VALUES ${list}) AS t(v)`,
      columns: { binary: textColumn(`v::${type}`, as), text: textColumn("v::text") },
    },
  ] as const);
  return read;
}

describe("binary COPY values, read as the server spells them", () => {
  it("reads numerics of every sign, scale and size, and the special ones", async () => {
    const values = [
      "0",
      "0.00",
      "1",
      "-1",
      "1.00000000",
      "0.85000000",
      "0.0001",
      "0.00000001",
      "-0.000000015",
      "10000",
      "9999.9999",
      "12345678.12345678",
      "100000000000000000000.5",
      "123456789012345678901234567890",
      "-98765.4321000",
      "trim_scale(415.000)",
      "trim_scale(0.050)",
      "1e-30",
      "'NaN'",
      "'Infinity'",
      "'-Infinity'",
    ].map((value) => `${value}::numeric`);
    const random = Array.from({ length: 400 }, (_, index) => {
      const digits = String(Math.floor(Math.random() * 10 ** (1 + (index % 15))));
      const scale = index % 11;
      return `(${index % 2 ? "-" : ""}${digits} / 10^${scale})::numeric(40, ${scale})`;
    });
    const read = await bothWays("numeric", [...values, ...random], NUMERIC_TEXT);
    expect(read.binary).toEqual(read.text);
  });

  it("reads dates, uuids and text", async () => {
    const dates = ["2016-11-21", "2000-01-01", "1999-12-31", "0001-01-01", "2400-02-29", "9999-12-31"];
    const readDates = await bothWays(
      "date",
      [...dates.map((date) => `'${date}'::date`), "'infinity'::date", "'-infinity'::date"],
      DATE_TEXT,
    );
    expect(readDates.binary).toEqual(readDates.text);
    const uuids = await bothWays("uuid", ["gen_random_uuid()", "gen_random_uuid()", "uuidv7()"], UUID_TEXT);
    expect(uuids.binary).toEqual(uuids.text);
    const texts = await bothWays("text", ["'plain'", "'tab\tand\nnewline\\'", "'é ü 日本'", "''"], TEXT);
    expect(texts.binary).toEqual(texts.text);
  });

  it("reads timestamps as the epoch milliseconds of extract(epoch …), towards the past", async () => {
    const instants = [
      "2016-11-21 12:00:00+00",
      "2016-11-21 12:00:00.123999+00",
      "1969-12-31 23:59:59.9995+00",
      "1970-01-01 00:00:00+00",
      "1999-12-31 23:59:59.999999+00",
      "2000-01-01 00:00:00.000001+00",
      "1900-06-15 08:30:00.5+00",
      "2199-01-01 00:00:00+00",
    ];
    const [read] = await readCopyColumnsTogether(owner, [
      {
        select: `SELECT v, extract(epoch FROM v)::text FROM (VALUES ${[
          ...instants.map((instant) => `('${instant}'::timestamptz)`),
          "('infinity'::timestamptz)",
          "('-infinity'::timestamptz)",
        ].join(", ")}) AS t(v)`,
        columns: { at: timestampMsColumn("v"), epoch: textColumn("extract(epoch FROM v)::text") },
      },
    ] as const);
    expect(Array.from(read.at)).toEqual(read.epoch.map(epochMs));
    expect(read.at[1]).toBe(Date.parse("2016-11-21T12:00:00.123Z"));
    expect(read.at[2]).toBe(-1);
  });

  it("joins by uuid keys and repeats values by their bytes, naming a missing key by its text", async () => {
    const keys = new ByteKeys();
    const [orders, legs] = await readCopyColumnsTogether(owner, [
      {
        select:
          "SELECT id FROM (VALUES ('00000000-0000-4000-8000-000000000001'::uuid), ('00000000-0000-4000-8000-000000000002'::uuid)) t(id)",
        columns: { id: keyColumn("id", keys, UUID_TEXT) },
      },
      {
        select: `SELECT o, price FROM (VALUES ('00000000-0000-4000-8000-000000000002'::uuid, 1.50::numeric(10,2)),
           ('00000000-0000-4000-8000-000000000001'::uuid, 1.5::numeric(10,2)), ('00000000-0000-4000-8000-000000000002'::uuid, 2::numeric(10,2))) t(o, price)`,
        columns: {
          order: referenceColumn("o", keys, "orders", UUID_TEXT),
          price: repeatedTextColumn("price", { as: NUMERIC_TEXT }),
        },
      },
    ] as const);
    expect(orders.count).toBe(2);
    expect(Array.from(legs.order)).toEqual([1, 0, 1]);
    expect(legs.price.texts).toEqual(["1.50", "2.00"]);
    expect(Array.from(legs.price.rows)).toEqual([0, 0, 1]);
    await expect(
      readCopyColumnsTogether(owner, [
        {
          select: "SELECT '00000000-0000-4000-8000-000000000009'::uuid",
          columns: { order: referenceColumn("o", keys, "orders", UUID_TEXT) },
        },
      ] as const),
    ).rejects.toThrow(
      "column o in row 0 names 00000000-0000-4000-8000-000000000009, not a row of orders read",
    );
  });
});
