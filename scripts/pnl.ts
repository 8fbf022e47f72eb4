/**
 * `npm run pnl -- <file.csv> [--format table|json] [--as-of YYYY-MM-DD] [--marks <marks.json>]`
 * Prints P&L, roll chains and open positions from a Robinhood CSV export. See docs/CLI.md.
 */
import { readFileSync } from "node:fs";
import { runPnlReport } from "@/lib/cli/pnl/run-pnl-report";
import { newYorkDate } from "@/lib/robinhood/csv";

process.exitCode = runPnlReport({
  argv: process.argv.slice(2),
  readText: (path) => readFileSync(path, "utf8"),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  today: () => newYorkDate(new Date().toISOString()),
});
