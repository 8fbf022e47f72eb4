import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputReads } from "@/lib/server/recompute/read-input-rows";
import { connectOwner } from "@/tests/support/test-database";

// The binary COPY format carries no types: a column read as text that is in fact a uuid would come
// out as text made of 16 raw bytes, quietly. Every column the loader reads by binary COPY must name
// the type the server sends for it.

let owner: Awaited<ReturnType<typeof connectOwner>>;

beforeAll(async () => {
  owner = await connectOwner();
});

afterAll(async () => {
  await owner.end();
});

describe("the loader's binary reads", () => {
  it("read every column by a reader of the type the server sends", async () => {
    const { columnReads } = inputReads({
      userId: "00000000-0000-4000-8000-000000000001",
      marketData: "robinhood",
    });
    const checked: string[] = [];
    for (const { select, columns } of columnReads) {
      const described = await owner.query(`SELECT * FROM (${select}) AS read LIMIT 0`);
      const { rows: types } = await owner.query<{ oid: number; typname: string; typtype: string }>(
        "SELECT oid::int AS oid, typname, typtype FROM pg_type WHERE oid = ANY($1::oid[])",
        [described.fields.map((field) => field.dataTypeID)],
      );
      const nameOf = new Map(types.map((type) => [type.oid, type.typtype === "e" ? "enum" : type.typname]));
      const read = Object.values(columns);
      expect(described.fields).toHaveLength(read.length);
      read.forEach((column, index) => {
        const sent = nameOf.get(described.fields[index]?.dataTypeID as number);
        expect({ column: column.sql, sent, read: column.types.includes(sent as string) }).toEqual({
          column: column.sql,
          sent,
          read: true,
        });
        checked.push(`${column.sql}: ${sent}`);
      });
    }
    // Uuids, decimals, dates, timestamps, enums and text are all among them.
    expect(checked).toEqual(
      expect.arrayContaining([
        "account_id: uuid",
        "quantity: numeric",
        "trade_date: date",
        "executed_at: timestamptz",
        "side: enum",
        "broker_execution_id: text",
      ]),
    );
  });
});
