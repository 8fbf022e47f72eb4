/**
 * Benchmark of the P&L engine: `npm run bench:engine [-- --executions 1000000 --runs 3]`.
 *
 * Generates a deterministic history (seeded PRNG, no clock in the data) of option fills with partial
 * fills, partial closes, one-order rolls, expirations and assignments across many underlyings, and
 * stock trades beside them, then
 * times `computePnl` on it and prints executions per second — once for the computation alone and
 * once with every row list read (they are built on first read; see computePnl). Generation is not
 * timed. Last, it prints the floor under any engine on this input (see bench/input-floor.ts) and the
 * bare FIFO loop (bench/bare-fifo.ts) with the ratio of the engine's best time to it.
 */
import { z } from "zod";
import { computePnl } from "@/lib/pnl";
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
const rates: number[] = [];
const fullRates: number[] = [];
for (let run = 1; run <= args.runs; run++) {
  // Each run starts from the same heap, where only the input is live: the previous run's result
  // died with its function call (npm run bench:engine exposes gc).
  (globalThis as { gc?: () => void }).gc?.();
  const timing = timeRun();
  rates.push(input.executions.length / timing.seconds);
  fullRates.push(input.executions.length / timing.fullSeconds);
  console.log(`run ${run}: ${timing.summary}`);
  if (!timing.reconciled) process.exitCode = 1;
}
console.log(`best computePnl: ${rate(Math.max(...rates))} executions/s on one core (goal 1,000,000)`);
console.log(`best with every row read: ${rate(Math.max(...fullRates))} executions/s`);
const floor = measureInputFloor(input, args.runs);
console.log(
  `floor, best of ${args.runs}: reading every field computePnl uses ${floor.readSeconds.toFixed(3)} s; reading and parsing their decimals and dates ${floor.parseSeconds.toFixed(3)} s; one full collection of the heap holding the input ${floor.collectionSeconds.toFixed(3)} s`,
);

const bare = measureBareFifo(input, args.runs);
const bestSeconds = input.executions.length / Math.max(...rates);
console.log(
  `bare FIFO loop floor, best of ${args.runs}: ${bare.toFixed(3)} s = ${rate(input.executions.length / bare)} executions/s; computePnl takes ${(bestSeconds / bare).toFixed(1)}× that`,
);

function rate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Times one computePnl on the input, then the reading of every row list; keeps nothing alive. */
function timeRun() {
  const start = performance.now();
  const result = computePnl(input);
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
  const count = input.executions.length;
  const reconciled = result.reconciliation.options.holds && result.reconciliation.stock.holds;
  return {
    seconds,
    fullSeconds,
    reconciled,
    summary: `computePnl ${seconds.toFixed(3)} s = ${rate(count / seconds)} executions/s; with all ${rows.toLocaleString("en-US")} rows read ${fullSeconds.toFixed(3)} s = ${rate(count / fullSeconds)} executions/s (${result.matches.length.toLocaleString("en-US")} matches, ${result.chains.length.toLocaleString("en-US")} chains, reconciliation ${reconciled ? "holds" : "FAILS"})`,
  };
}
