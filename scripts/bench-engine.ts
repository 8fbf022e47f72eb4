/**
 * Benchmark of the P&L engine: `npm run bench:engine [-- --executions 1000000 --runs 3]`.
 *
 * Generates a deterministic history (seeded PRNG, no clock in the data) of option fills with partial
 * fills, partial closes, one-order rolls, expirations and assignments across many underlyings, and
 * stock trades beside them. It times `computePnl` on that history given as columns (`PnlColumns`,
 * what recompute's loader builds; turning the objects into columns is not timed, as the loader does
 * it while reading rows) and given as objects (the adapter the CLI and tests use, conversion
 * included), and prints executions per second — for the computation alone and with every row list
 * read (they are built on first read; see computePnl) — beside the bare FIFO loop on the same
 * history (bench/bare-fifo.ts on the objects, bench/bare-fifo-columns.ts on the columns), with the
 * engine's rate as a fraction of the loop's, in wall-clock and in CPU time. Last, the floor under any
 * engine on the object input (bench/input-floor.ts), and the time to build each row list on its first
 * read (bench/row-lists.ts). Generation is not timed; everything timed is warmed up first.
 */
import { z } from "zod";
import { computePnl, type PnlColumns, type PnlInput, toPnlColumns } from "@/lib/pnl";
import { measureBareFifo } from "./bench/bare-fifo";
import { measureBareFifoColumns } from "./bench/bare-fifo-columns";
import { type BestTime, bestTime } from "./bench/best-time";
import { generateHistory } from "./bench/generate-history";
import { measureInputFloor } from "./bench/input-floor";
import { parseFlags } from "./bench/parse-flags";
import { measureRowLists } from "./bench/row-lists";

const args = z
  .object({
    executions: z.coerce.number().int().positive().default(1_000_000),
    runs: z.coerce.number().int().positive().max(20).default(3),
  })
  .parse(parseFlags(process.argv.slice(2)));

const started = performance.now();
const input = generateHistory(args.executions);
console.log(
  `generated ${input.executions.length.toLocaleString("en-US")} executions, ${input.events.length.toLocaleString("en-US")} events and ${(input.stockTrades ?? []).length.toLocaleString("en-US")} stock trades in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
const columns = toPnlColumns(input);
const count = input.executions.length;
warmUp();
const columnar = timeRuns("columns", columns);
const objects = timeRuns("objects", input);
const floor = measureInputFloor(input, args.runs);
const bare = measureBareFifo(input, args.runs);
const bareColumns = measureBareFifoColumns(columns, args.runs);
const rowLists = measureRowLists(columns, args.runs);

console.log(`\nbest of ${args.runs}, executions per second of wall clock | of CPU time (one core):`);
const rows: [string, BestTime][] = [
  ["computePnl, columns (as recompute)", columnar.compute],
  ["computePnl, objects (adapter included)", objects.compute],
  ["bare FIFO loop on objects", bare],
  ["bare FIFO loop on columns", bareColumns],
  ["computePnl, columns, every row read", columnar.full],
  ["computePnl, objects, every row read", objects.full],
];
for (const [label, time] of rows) {
  console.log(
    `  ${label.padEnd(40)} ${rate(count / time.wallSeconds).padStart(11)} | ${rate(count / time.cpuSeconds).padStart(11)}`,
  );
}
console.log("engine rate / bare FIFO loop on objects (wall | CPU); target for columns at least 1/3:");
console.log(
  `  columns ${ratio(bare.wallSeconds / columnar.compute.wallSeconds)} | ${ratio(bare.cpuSeconds / columnar.compute.cpuSeconds)}`,
);
console.log(
  `  objects ${ratio(bare.wallSeconds / objects.compute.wallSeconds)} | ${ratio(bare.cpuSeconds / objects.compute.cpuSeconds)}`,
);
console.log(
  `engine on columns / bare FIFO loop on columns: ${ratio(bareColumns.wallSeconds / columnar.compute.wallSeconds)} | ${ratio(bareColumns.cpuSeconds / columnar.compute.cpuSeconds)}`,
);
console.log(
  `floor, best of ${args.runs}: reading every field computePnl uses ${floor.readSeconds.toFixed(3)} s; reading and parsing their decimals and dates ${floor.parseSeconds.toFixed(3)} s; one full collection of the heap holding the input ${floor.collectionSeconds.toFixed(3)} s`,
);
console.log(`row lists built on first read (columns), best of ${args.runs}, ms of wall clock | of CPU time:`);
for (const time of rowLists) {
  console.log(
    `  ${time.list.padEnd(12)} ${(time.wallSeconds * 1000).toFixed(0).padStart(6)} | ${(time.cpuSeconds * 1000).toFixed(0).padStart(6)}  (${time.rows.toLocaleString("en-US")} rows)`,
  );
}
const listTotal = rowLists.reduce(
  (total, time) => ({ wall: total.wall + time.wallSeconds, cpu: total.cpu + time.cpuSeconds }),
  { wall: 0, cpu: 0 },
);
console.log(
  `  ${"all lists".padEnd(12)} ${(listTotal.wall * 1000).toFixed(0).padStart(6)} | ${(listTotal.cpu * 1000).toFixed(0).padStart(6)}`,
);

function rate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

function ratio(value: number): string {
  return value >= 1 ? `${value.toFixed(2)}×` : `1/${(1 / value).toFixed(1)}`;
}

/**
 * Runs everything timed below a few times on a small history first, so each run is timed with
 * optimized code, as in a server that has recomputed before (the engine is far more code for the
 * JIT to optimize than the bare loops, so without this its first runs measure compilation).
 */
function warmUp(): void {
  const small = generateHistory(Math.min(20_000, count));
  const smallColumns = toPnlColumns(small);
  for (let round = 0; round < 3; round++) {
    computePnl(smallColumns);
    computePnl(small);
    measureBareFifo(small, 1);
    measureBareFifoColumns(smallColumns, 1);
  }
}

/** Times computePnl on one form of the history: alone, and with every row list read (built on first read). */
function timeRuns(label: string, form: PnlInput | PnlColumns) {
  let reconciled = true;
  let summary = "";
  const compute = bestTime(args.runs, () => {
    const result = "format" in form ? computePnl(form) : computePnl(form);
    reconciled &&= result.reconciliation.options.holds && result.reconciliation.stock.holds;
  });
  const full = bestTime(args.runs, () => {
    const result = "format" in form ? computePnl(form) : computePnl(form);
    const rows =
      result.matches.length +
      result.openLots.length +
      result.contracts.length +
      result.chains.length +
      result.strategies.length +
      result.wheelCycles.length;
    summary = `${rows.toLocaleString("en-US")} rows (${result.matches.length.toLocaleString("en-US")} matches, ${result.chains.length.toLocaleString("en-US")} chains)`;
  });
  console.log(
    `${label}: computePnl ${compute.wallSeconds.toFixed(3)} s (CPU ${compute.cpuSeconds.toFixed(3)} s), with ${summary} ${full.wallSeconds.toFixed(3)} s (CPU ${full.cpuSeconds.toFixed(3)} s), reconciliation ${reconciled ? "holds" : "FAILS"}`,
  );
  if (!reconciled) process.exitCode = 1;
  return { compute, full };
}
