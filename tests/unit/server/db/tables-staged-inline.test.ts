import { describe, expect, it } from "vitest";
import type { TableRows } from "@/lib/server/db/copy-rows";
import { tablesStagedInline } from "@/lib/server/db/merge-user-rows";

// Which tables a merge stages by literal INSERTs in its own query (no statement of their own): the
// smallest, up to the limit in all; the others go through COPY.

const table = (name: string, rows: number): TableRows => ({
  table: name,
  columns: ["id"],
  rows: Array.from({ length: rows }, (_, index) => [String(index)]),
});

const names = (tables: Set<TableRows>) => [...tables].map((one) => one.table).sort();

describe("tablesStagedInline", () => {
  const lots = table("matched_lots", 7_000);
  const links = table("roll_links", 2_500);
  const chains = table("roll_chains", 500);
  const days = table("daily_pnl", 300);
  const cuts = table("recompute_flat_cuts", 1);
  const empty = table("open_positions", 0);
  const tables = [chains, links, lots, empty, days, cuts];

  it("stages the smallest tables inline while their rows fit, and the rest by COPY", () => {
    expect(names(tablesStagedInline(tables, 2_000))).toEqual(
      ["daily_pnl", "open_positions", "recompute_flat_cuts", "roll_chains"].sort(),
    );
  });

  it("stages every table inline when all their rows fit", () => {
    expect(tablesStagedInline(tables, 10_301).size).toBe(tables.length);
  });

  it("stages only the empty tables inline at a limit of 0 (nothing to stage)", () => {
    expect(names(tablesStagedInline(tables, 0))).toEqual(["open_positions"]);
  });

  it("never goes past the limit, even when a larger table comes later in the list", () => {
    const inline = tablesStagedInline(tables, 800);
    expect(names(inline)).toEqual(["daily_pnl", "open_positions", "recompute_flat_cuts"].sort());
    expect([...inline].reduce((sum, one) => sum + one.rows.length, 0)).toBeLessThanOrEqual(800);
  });
});
