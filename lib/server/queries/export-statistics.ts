import "server-only";
import type { Grouping, StatisticsView } from "@/lib/analytics";
import type { CsvField } from "@/lib/export/csv-line";
import type { CsvStreamOptions } from "@/lib/export/csv-stream";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getStatistics } from "./get-statistics";

const HEADER = [
  "group",
  "key",
  "positions",
  "wins",
  "losses",
  "break_evens",
  "win_rate_percent",
  "realized_pnl",
  "gross_wins",
  "gross_losses",
  "average_win",
  "average_loss",
  "profit_factor",
  "expectancy",
  "largest_win",
  "largest_loss",
  "average_days_held",
  "credit_positions",
  "credit_received",
  "credit_kept",
  "premium_captured_percent",
] as const;

function fields(label: string, key: string | null, s: StatisticsView): CsvField[] {
  return [
    label,
    key,
    s.closed,
    s.wins,
    s.losses,
    s.breakEvens,
    s.winRate,
    s.realized,
    s.grossWins,
    s.grossLosses,
    s.averageWin,
    s.averageLoss,
    s.profitFactor,
    s.expectancy,
    s.largestWin,
    s.largestLoss,
    s.averageDaysHeld,
    s.creditPositions,
    s.creditReceived,
    s.creditKept,
    s.premiumCaptured,
  ];
}

export type ExportStatisticsOptions = { robinhoodUserId: string; grouping: Grouping; db?: Database };

/**
 * The Statistics table as CSV, the same figures the page shows (one row per group, it is one row per
 * period or symbol, never per fill) and the all-positions row last.
 */
export function exportStatistics(options: ExportStatisticsOptions): CsvStreamOptions {
  let overall: StatisticsView | null = null;
  async function* pages() {
    const page = await getStatistics(options);
    overall = page.overall;
    yield page.groups.map((group) => fields(group.label, group.key, group.statistics));
  }
  return {
    header: HEADER,
    pages: pages(),
    trailer: () => (overall ? [fields("All closed positions", null, overall)] : []),
  };
}
