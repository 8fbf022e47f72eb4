/**
 * Benchmark of the P&L engine: `npm run bench:engine [-- --executions 1000000 --runs 3]`.
 *
 * Generates a deterministic history (seeded PRNG, no clock in the data) of option fills with partial
 * fills, partial closes, one-order rolls, expirations and assignments across many underlyings, and
 * stock trades beside them. It times `computePnl` on that history given as columns (`PnlColumns`,
 * what recompute's loader builds; turning the objects into columns is not timed, as the loader does
 * it while reading rows) and given as objects (the adapter the CLI and tests use, conversion
 * included), and prints executions per second — for the computation alone and with every row list
 * read (they are built on first read; see computePnl). Then the floor under any engine on this input
 * (bench/input-floor.ts) and the bare FIFO loop (bench/bare-fifo.ts), with the engine's rate as a
 * fraction of the loop's. Generation is not timed.
 */
import { z } from "zod";
import { computePnl, type PnlColumns, type PnlInput, toPnlColumns } from "@/lib/pnl";
import { measureBareFifo } from "./bench/bare-fifo";
import { generateHistory } from "./bench/generate-history";
import { measureInputFloor } from "./bench/input-floor";
import { parseFlags } from "./bench/parse-flags";

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
const columnar = timeRuns("columns", columns);
const objects = timeRuns("objects", input);
console.log(`best computePnl, columns: ${rate(columnar.best)} executions/s on one core (goal 1,000,000)`);
console.log(`best computePnl, objects (adapter included): ${rate(objects.best)} executions/s`);
console.log(
  `best with every row read: columns ${rate(columnar.bestFull)}, objects ${rate(objects.bestFull)} executions/s`,
);
const floor = measureInputFloor(input, args.runs);
console.log(
  `floor, best of ${args.runs}: reading every field computePnl uses ${floor.readSeconds.toFixed(3)} s; reading and parsing their decimals and dates ${floor.parseSeconds.toFixed(3)} s; one full collection of the heap holding the input ${floor.collectionSeconds.toFixed(3)} s`,
);

const bare = count / measureBareFifo(input, args.runs);
console.log(`bare FIFO loop, best of ${args.runs}: ${rate(bare)} executions/s`);
console.log(
  `computePnl / bare FIFO loop (rates): columns ${ratio(columnar.best / bare)}, objects ${ratio(objects.best / bare)} (target for columns: at least 1/3)`,
);

function ratio(value: number): string {
  return value >= 1 ? `${value.toFixed(2)}×` : `1/${(1 / value).toFixed(1)}`;
}

/** Times `runs` computePnl calls on one form of the history; returns the best rates. */
function timeRuns(label: string, form: PnlInput | PnlColumns) {
  let best = 0;
  let bestFull = 0;
  for (let run = 1; run <= args.runs; run++) {
    // Each run starts from the same heap, where only the input is live: the previous run's result
    // died with its function call (npm run bench:engine exposes gc).
    (globalThis as { gc?: () => void }).gc?.();
    const timing = timeRun(form);
    best = Math.max(best, count / timing.seconds);
    bestFull = Math.max(bestFull, count / timing.fullSeconds);
    console.log(`${label} run ${run}: ${timing.summary}`);
    if (!timing.reconciled) process.exitCode = 1;
  }
  return { best, bestFull };
}

function rate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Times one computePnl on the input, then the reading of every row list; keeps nothing alive. */
function timeRun(form: PnlInput | PnlColumns) {
  const start = performance.now();
  const result = "format" in form ? computePnl(form) : computePnl(form);
  const computed = performance.now();
  // Reading the row lists builds them (see computePnl); timed apart, then together with the compute.
  const rows =
    result.matches.length +
    result.openLots.length +
    result.contracts.length +
    result.chains.length +
    result.strategies.length +
    result.wheelCycles.length;
  const done = performance.now();
  const seconds = (computed - start) / 1000;
  const fullSeconds = (done - start) / 1000;
  const reconciled = result.reconciliation.options.holds && result.reconciliation.stock.holds;
  return {
    seconds,
    fullSeconds,
    reconciled,
    summary: `computePnl ${seconds.toFixed(3)} s = ${rate(count / seconds)} executions/s; with all ${rows.toLocaleString("en-US")} rows read ${fullSeconds.toFixed(3)} s = ${rate(count / fullSeconds)} executions/s (${result.matches.length.toLocaleString("en-US")} matches, ${result.chains.length.toLocaleString("en-US")} chains, reconciliation ${reconciled ? "holds" : "FAILS"})`,
  };
}
