import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeStagedTables } from "@/lib/server/db/analyze-staged-tables";
import { connectOwner } from "@/tests/support/test-database";

// A staging table is analyzed only when its statistics do not describe about as many rows as were
// just staged: its `reltuples` (what the last ANALYZE counted) shows whether that ANALYZE ran.

let owner: pg.Client;
beforeAll(async () => {
  owner = await connectOwner();
  // As a merge's staging tables: emptied at every commit, analyzed (or not) inside the transaction.
  await owner.query("CREATE TEMP TABLE staged_probe (id int) ON COMMIT DELETE ROWS");
});
afterAll(async () => {
  await owner.end();
});

const NAME = "pg_temp.staged_probe";

async function stage(rows: number): Promise<number> {
  await owner.query("BEGIN");
  await owner.query(`INSERT INTO ${NAME} SELECT generate_series(1, $1::int)`, [rows]);
  await owner.query(analyzeStagedTables([{ name: NAME, key: ["id"], rows }]) ?? "");
  await owner.query("COMMIT");
  const { rows: found } = await owner.query<{ reltuples: number }>(
    `SELECT reltuples FROM pg_class WHERE oid = '${NAME}'::regclass`,
  );
  return Number(found[0]?.reltuples);
}

describe("analyzeStagedTables", () => {
  it("analyzes a staging table never analyzed, then only when the rows staged are off by more than 2×", async () => {
    expect(await stage(1_000)).toBe(1_000);
    // About as many rows: the statistics of 1,000 still hold; no ANALYZE.
    expect(await stage(1_900)).toBe(1_000);
    expect(await stage(600)).toBe(1_000);
    // Many more, then far fewer: analyzed again each time.
    expect(await stage(2_500)).toBe(2_500);
    expect(await stage(10)).toBe(10);
  });

  it("answers nothing to run for no tables, and refuses a name that is not a staging table's", () => {
    expect(analyzeStagedTables([])).toBeNull();
    expect(() =>
      analyzeStagedTables([{ name: "matched_lots; DROP TABLE x", key: ["id"], rows: 1 }]),
    ).toThrow();
  });
});
