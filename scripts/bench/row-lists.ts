import { computePnl, type PnlColumns, type PnlResult } from "@/lib/pnl";
import type { BestTime } from "./best-time";

/** The row lists computePnl builds on first read, in the order recompute reads them. */
export const ROW_LISTS = ["contracts", "matches", "openLots", "chains", "wheelCycles", "strategies"] as const;

export type RowList = (typeof ROW_LISTS)[number];

export interface RowListTime extends BestTime {
  list: RowList;
  rows: number;
}

/**
 * Best time to build each lazy row list on its first read, over several computations of the same
 * columns. The computation itself is not timed, and the heap is collected before each list so the
 * garbage one list leaves is not collected on another's time.
 */
export function measureRowLists(columns: PnlColumns, runs: number): RowListTime[] {
  const gc = (globalThis as { gc?: () => void }).gc;
  const times: RowListTime[] = ROW_LISTS.map((list) => ({
    list,
    rows: 0,
    wallSeconds: Number.POSITIVE_INFINITY,
    cpuSeconds: Number.POSITIVE_INFINITY,
  }));
  for (let run = 0; run < runs; run++) {
    const result: PnlResult = computePnl(columns);
    for (const time of times) {
      gc?.();
      const cpu = process.cpuUsage();
      const start = performance.now();
      time.rows = (result[time.list] as unknown[]).length;
      time.wallSeconds = Math.min(time.wallSeconds, (performance.now() - start) / 1000);
      const used = process.cpuUsage(cpu);
      time.cpuSeconds = Math.min(time.cpuSeconds, (used.user + used.system) / 1e6);
    }
  }
  return times;
}
