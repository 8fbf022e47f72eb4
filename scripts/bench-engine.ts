/**
 * Benchmark of the P&L engine: `npm run bench:engine [-- --executions 1000000 --runs 3]`.
 *
 * Generates a deterministic history (seeded PRNG, no clock in the data) of option fills with partial
 * fills, partial closes, one-order rolls, expirations and assignments across many underlyings, then
 * times `computePnl` on it and prints executions per second. Generation is not timed.
 */
import { z } from "zod";
import { computePnl } from "@/lib/pnl";
import { generateHistory } from "./bench/generate-history";

const args = z
  .object({
    executions: z.coerce.number().int().positive().default(1_000_000),
    runs: z.coerce.number().int().positive().max(20).default(3),
  })
  .parse(parseFlags(process.argv.slice(2)));

function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let index = 0; index < argv.length; index += 2) {
    const name = argv[index]?.replace(/^--/, "");
    const value = argv[index + 1];
    if (name && value !== undefined) flags[name] = value;
  }
  return flags;
}

const started = performance.now();
const input = generateHistory(args.executions);
console.log(
  `generated ${input.executions.length.toLocaleString("en-US")} executions and ${input.events.length.toLocaleString("en-US")} events in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
const rates: number[] = [];
for (let run = 1; run <= args.runs; run++) {
  const start = performance.now();
  const result = computePnl(input);
  const seconds = (performance.now() - start) / 1000;
  const rate = input.executions.length / seconds;
  rates.push(rate);
  console.log(
    `run ${run}: ${seconds.toFixed(3)} s, ${Math.round(rate).toLocaleString("en-US")} executions/s (${result.matches.length.toLocaleString("en-US")} matches, ${result.chains.length.toLocaleString("en-US")} chains, reconciliation ${result.reconciliation.options.holds ? "holds" : "FAILS"})`,
  );
  if (!result.reconciliation.options.holds) process.exitCode = 1;
}
const best = Math.max(...rates);
console.log(`best: ${Math.round(best).toLocaleString("en-US")} executions/s on one core (goal 1,000,000)`);
