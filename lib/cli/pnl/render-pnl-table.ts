import { type RollChain, STRATEGY_NAMES } from "@/lib/pnl";
import type { PnlReport } from "./build-pnl-report";
import { strategySummaryRows } from "./strategy-summary";

/**
 * The human-readable report: totals, per underlying, strategies, chains, open positions, stock, wheel
 * cycles, then what was left out. Chains with rolls are listed, or every chain when `allChains` (a
 * `--strategy` filter).
 */
export function renderPnlTable(report: PnlReport, options: { allChains?: boolean } = {}): string {
  const { totals } = report;
  const out: string[] = [];
  out.push(
    `Rollbook P&L as of ${report.asOf} — ${report.source.file} (${report.source.format}, ${report.source.rows} rows, ${report.source.executions} fills, ${report.source.events} events, ${report.source.stockTrades} stock trades${corporateActionCount(report.source.corporateActions)})`,
    "",
    table(
      ["Options realized", "Unrealized", "Fees", "Stock realized", "Stock unrealized", "Open positions"],
      [
        [
          totals.realized,
          totals.unrealized,
          totals.fees,
          totals.stockRealized,
          totals.stockUnrealized,
          String(totals.openPositions),
        ],
      ],
    ),
  );
  if (totals.unmarkedPositions > 0)
    out.push(`(${totals.unmarkedPositions} open position(s) without a mark: unrealized excludes them)`);
  out.push(
    "",
    "By underlying",
    table(
      ["Underlying", "Realized", "Unrealized", "Fees", "Stock realized"],
      report.byUnderlying.map((row) => [
        row.underlying,
        row.realized,
        row.unrealized ?? "—",
        row.fees,
        row.stockRealized,
      ]),
    ),
  );
  out.push(
    "",
    "Strategies (chains by the strategy they opened with)",
    table(["Strategy", "Chains", "Legged out", "Realized"], strategySummaryRows(report.chains)),
  );
  const rolled = options.allChains
    ? report.chains
    : report.chains.filter((chain) => chain.rolls.length > 0 || chain.adjustments.length > 0);
  out.push(
    "",
    options.allChains
      ? `Chains (${report.chains.length})`
      : `Roll chains (${rolled.length} with rolls or corporate actions, ${report.chains.length} in all)`,
    table(
      [
        "Underlying",
        "Type",
        "Side",
        "Status",
        "Opened",
        "Closed",
        "Rolls and corporate actions",
        "Net premium",
        "Realized",
        "Breakeven",
        "Strategy",
      ],
      rolled.map((chain) => [
        chain.underlying,
        chain.optionType,
        chain.side,
        chain.expiryInferred ? "expired (inferred)" : chain.status,
        chain.openedOn,
        chain.closedOn ?? "open",
        chainSteps(chain).join("; "),
        chain.netPremium,
        chain.realized,
        chain.breakeven ?? "—",
        STRATEGY_NAMES[chain.strategy],
      ]),
    ),
  );
  out.push(
    "",
    "Open positions",
    table(
      ["Underlying", "Expiration", "Strike", "Type", "Qty", "Avg price", "Mark", "Unrealized"],
      report.openPositions.map((row) => [
        row.underlying,
        row.expiration,
        row.strike,
        row.optionType,
        row.quantity,
        row.averagePrice,
        row.mark ?? "—",
        row.unrealized ?? "—",
      ]),
    ),
  );
  out.push(
    "",
    "Stock positions",
    table(
      ["Underlying", "Shares", "Avg price", "Cost basis", "Per share", "Opened", "Mark", "Unrealized"],
      report.stockPositions.map((row) => [
        row.underlying,
        row.quantity,
        row.averagePrice,
        row.costBasis,
        row.costBasisPerShare,
        row.openedOn,
        row.mark ?? "—",
        row.unrealized ?? "—",
      ]),
    ),
    "",
    `Wheel cycles (${report.wheelCycles.filter((cycle) => cycle.status === "open").length} open, ${report.wheelCycles.length} in all)`,
    table(
      [
        "Underlying",
        "Status",
        "Started",
        "Ended",
        "Days",
        "Premium",
        "Option P&L",
        "Stock P&L",
        "Shares",
        "Net cost/share",
        "Capital",
        "Return",
      ],
      report.wheelCycles.map((cycle) => [
        cycle.underlying,
        cycle.status,
        cycle.startedOn,
        cycle.endedOn ?? "open",
        String(cycle.days),
        cycle.premiumCollected,
        cycle.optionRealized,
        cycle.stockRealized,
        cycle.sharesHeld,
        cycle.netCostBasisPerShare ?? "—",
        cycle.capitalTiedUp,
        cycle.returnOnCapital ?? "—",
      ]),
    ),
  );
  out.push("", ...notes(report));
  return `${out.join("\n")}\n`;
}

function corporateActionCount(count: number): string {
  return count === 0 ? "" : `, ${count} corporate action${count === 1 ? "" : "s"}`;
}

/** Rolls and corporate actions in date order (an action opens its day, so it comes first). */
function chainSteps(chain: RollChain): string[] {
  const steps = [
    ...chain.adjustments.map((step) => ({ date: step.date, rank: 0, text: `${step.date} ${step.label}` })),
    ...chain.rolls.map((roll) => ({
      date: roll.date,
      rank: 1,
      text: `${roll.date} ${roll.label} ${roll.cashKind}`,
    })),
  ];
  steps.sort((a, b) => (a.date === b.date ? a.rank - b.rank : a.date < b.date ? -1 : 1));
  return steps.map((step) => step.text);
}

function notes(report: PnlReport): string[] {
  const lines: string[] = [];
  const byReason = new Map<string, number>();
  for (const row of report.unusedRows)
    byReason.set(`${row.code}: ${row.reason}`, (byReason.get(`${row.code}: ${row.reason}`) ?? 0) + 1);
  lines.push(`Rows not used (${report.unusedRows.length}; --format json lists each):`);
  for (const [reason, count] of [...byReason.entries()].sort((a, b) => b[1] - a[1]))
    lines.push(`  ${count} × ${reason}`);
  if (report.errors.length > 0) {
    lines.push(`Rows with errors (${report.errors.length}):`);
    for (const error of report.errors)
      lines.push(
        `  row ${error.row} (line ${error.line})${error.column ? `, ${error.column}` : ""}: ${error.reason}`,
      );
  }
  if (report.warnings.length > 0) {
    lines.push(`Warnings (${report.warnings.length}):`);
    for (const warning of report.warnings)
      lines.push(`  ${warning.row === null ? "" : `row ${warning.row}: `}${warning.message}`);
  }
  if (report.issues.length > 0) {
    lines.push(`Engine notes (${report.issues.length}):`);
    for (const issue of report.issues) lines.push(`  ${issue.code} ${issue.contractKey}: ${issue.message}`);
  }
  const { options, stock } = report.reconciliation;
  lines.push(
    `Reconciliation: options ${options.holds ? "holds" : `FAILS by ${options.difference}`}, stock ${stock.holds ? "holds" : `FAILS by ${stock.difference}`}`,
  );
  return lines;
}

/** Plain aligned columns: text left, numbers right. */
export function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return "  (none)";
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const numeric = headers.map((_, column) => rows.every((row) => /^-?[\d.,]+$|^—$/.test(row[column] ?? "")));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)]
    .map((text) => `  ${text}`)
    .join("\n");
}
