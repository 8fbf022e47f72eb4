import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeActivityReport } from "@/simulator/activity-report";
import { generateHistory } from "@/simulator/history/generate-history";
import type { SimHistory } from "@/simulator/history/types";

/**
 * A long activity report for the big-import benchmark: the simulator's histories of `traders`
 * traders over `months` months each, written as ONE account's report (the writer sorts every row
 * newest first), so one file holds about 4,300 rows per trader-decade. Deterministic; generating it
 * takes tens of seconds, so it is kept under `.data/bench/` and reused.
 */
export function longActivityReport(options: { traders: number; months: number }): string {
  const file = path.resolve(".data/bench", `activity-${options.traders}x${options.months}m.csv`);
  if (existsSync(file)) return file;
  let merged: SimHistory | null = null;
  for (let trader = 0; trader < options.traders; trader++) {
    const history = generateHistory({
      seed: 20261203,
      userKey: `bench-trader-${trader}`,
      username: `bench-trader-${trader}@rollbook.dev`,
      months: options.months,
    });
    if (merged === null)
      merged = {
        ...history,
        orders: [...history.orders],
        events: [...history.events],
        stockInstruments: [...history.stockInstruments],
      };
    else {
      for (const order of history.orders) merged.orders.push(order);
      for (const event of history.events) merged.events.push(event);
      for (const instrument of history.stockInstruments) merged.stockInstruments.push(instrument);
    }
  }
  if (merged === null) throw new Error("traders must be at least 1");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, writeActivityReport(merged));
  renameSync(`${file}.tmp`, file);
  return file;
}

/**
 * The report cut after its last whole row that fits in `maxBytes` (the upload limit), so the big
 * import measures the largest file a user can upload. The report is sorted newest first, so the cut
 * drops the oldest rows. A row starts with its quoted activity date at the start of a line (some
 * descriptions span lines, so not every line starts a row). Kept beside the report.
 */
export function cutToSize(file: string, maxBytes: number): string {
  const cut = file.replace(/\.csv$/, `-${maxBytes}b.csv`);
  if (existsSync(cut)) return cut;
  const bytes = readFileSync(file);
  let end = bytes.byteLength;
  if (end > maxBytes) {
    const tail = bytes.subarray(maxBytes - 65_536, maxBytes).toString("latin1");
    const starts = [...tail.matchAll(/\n"\d{1,2}\/\d{1,2}\/\d{4}",/g)];
    const last = starts.at(-1);
    if (last?.index === undefined) throw new Error("no row starts in the last 64 KB before the limit");
    end = maxBytes - 65_536 + last.index + 1;
  }
  writeFileSync(`${cut}.tmp`, bytes.subarray(0, end));
  renameSync(`${cut}.tmp`, cut);
  return cut;
}

export function fileSize(file: string): number {
  return readFileSync(file).byteLength;
}
