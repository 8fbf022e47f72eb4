import { describe, expect, it } from "vitest";
import type { TableMerge } from "@/lib/server/db/merge-user-rows";
import { DEFAULT_STATISTICS_POLICY, tablesToAnalyze } from "@/lib/server/recompute/statistics-policy";

// Which tables a merge leaves with stale planner statistics: those where it changed (inserted or
// deleted) at least 1,000 rows and at least half of the user's rows there, before or after.

const merge = (table: string, given: number, counts: Partial<TableMerge> = {}): TableMerge => ({
  table,
  given,
  staged: given,
  inserted: 0,
  updated: 0,
  deleted: 0,
  ...counts,
});

describe("tablesToAnalyze", () => {
  it("analyzes the tables a first large write filled, in the merge's order", () => {
    const first = [
      merge("roll_chains", 20_000, { inserted: 20_000 }),
      merge("matched_lots", 70_000, { inserted: 70_000 }),
      merge("open_positions", 40, { inserted: 40 }),
    ];
    expect(tablesToAnalyze(first)).toEqual(["roll_chains", "matched_lots"]);
  });

  it("leaves alone a small incremental write, and a full replay that changed nothing or only updated", () => {
    expect(tablesToAnalyze([merge("matched_lots", 70_002, { inserted: 2, updated: 1 })])).toEqual([]);
    expect(tablesToAnalyze([merge("matched_lots", 70_000)])).toEqual([]);
    expect(tablesToAnalyze([merge("matched_lots", 70_000, { updated: 70_000 })])).toEqual([]);
  });

  it("needs half of the user's rows new or gone, measured against the larger of before and after", () => {
    // 35,000 rows before, 70,000 after: half of them new.
    expect(tablesToAnalyze([merge("matched_lots", 70_000, { inserted: 35_000 })])).toEqual(["matched_lots"]);
    // 40,000 before, 70,000 after: 30,000 new is less than half.
    expect(tablesToAnalyze([merge("matched_lots", 70_000, { inserted: 30_000 })])).toEqual([]);
    // A history that shrank from 70,000 rows to 30,000, and one whose every id changed.
    expect(tablesToAnalyze([merge("matched_lots", 30_000, { deleted: 40_000 })])).toEqual(["matched_lots"]);
    expect(tablesToAnalyze([merge("daily_pnl", 5_000, { inserted: 5_000, deleted: 5_000 })])).toEqual([
      "daily_pnl",
    ]);
    // Every row of a table gone.
    expect(tablesToAnalyze([merge("wheel_cycles", 0, { deleted: 1_500 })])).toEqual(["wheel_cycles"]);
  });

  it("never analyzes for fewer than the policy's minimum of rows changed", () => {
    expect(DEFAULT_STATISTICS_POLICY.minRows).toBe(1_000);
    expect(tablesToAnalyze([merge("roll_links", 999, { inserted: 999 })])).toEqual([]);
    expect(tablesToAnalyze([merge("roll_links", 1_000, { inserted: 1_000 })])).toEqual(["roll_links"]);
    expect(tablesToAnalyze([merge("roll_links", 12, { inserted: 12 })], { minRows: 10, share: 0.5 })).toEqual(
      ["roll_links"],
    );
  });
});
