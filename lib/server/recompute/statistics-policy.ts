/**
 * When a write is worth an ANALYZE of the table it went to (docs/RECOMPUTE.md, "Planner
 * statistics"): when it changed at least `minRows` rows, and at least `share` of the rows the user
 * holds there before or after it (inserted plus deleted rows, over the larger of the two counts).
 */
export type StatisticsPolicy = { minRows: number; share: number };

/**
 * Below 1,000 rows changed no plan can go badly wrong (a nested loop over both sides is 10⁶ row
 * comparisons, milliseconds), so no small incremental recompute ever analyzes. From there, half of a
 * user's rows in a table new (or gone) is where the planner's estimate of that user's rows, which
 * the merge's joins and every page's queries start from, can be off by 2× and far more: a user who
 * got their rows after the last ANALYZE is estimated at one row when the statistics list every
 * user they saw as a common value (a table of a few dozen users), and the merge's anti-joins then
 * run as nested loops over both sides, quadratic in the rows (a second full recompute of 100,000
 * fills took 2,605 s, the first 34 s). So the share is of the user's rows, not of the table's: 50,000 new rows in a table of
 * 2,000,000 held by 40 users are still estimated at one row. Updated rows do not count: they move
 * no row between users. An ANALYZE samples at most 30,000 rows whatever the table's size, and this
 * fires about once per doubling of a user's history, so it stays a small part of the write it
 * follows (105 ms after a 16,000-row write at 12,000 fills, docs/RECOMPUTE.md).
 */
export const DEFAULT_STATISTICS_POLICY: StatisticsPolicy = { minRows: 1_000, share: 0.5 };

/**
 * What a write did to one table for one user: rows inserted and deleted, and the user's rows there
 * after it (`given`). A merge's per-table counts are one (`TableMerge`).
 */
export type TableWrite = { table: string; inserted: number; deleted: number; given: number };

/** The tables of a write worth an ANALYZE under `policy`, in the order given (a merge's parents first). */
export function tablesToAnalyze(
  merged: readonly TableWrite[],
  policy: StatisticsPolicy = DEFAULT_STATISTICS_POLICY,
): string[] {
  return merged
    .filter(({ inserted, deleted, given }) => {
      const changed = inserted + deleted;
      const before = given - inserted + deleted;
      return changed >= policy.minRows && changed >= policy.share * Math.max(before, given);
    })
    .map(({ table }) => table);
}
