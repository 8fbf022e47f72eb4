import type {
  PnlIssue,
  PnlResult,
  PnlTotals,
  Reconciliation,
  RollChain,
  StockPosition,
  StrategyLabel,
  StrategyPosition,
  WheelCycle,
} from "@/lib/pnl";
import type { CsvFormat, CsvImport, CsvRowError, CsvWarning, UnusedRow } from "@/lib/robinhood/csv";

/**
 * The JSON report of `npm run pnl -- --format json`, documented field by field in docs/CLI.md.
 * Money is a decimal string. Bump REPORT_VERSION when a field changes meaning or goes away.
 */
export const REPORT_VERSION = 1;

/**
 * The engine's totals (lib/pnl `PnlTotals`), named field by field so that a field the engine adds
 * does not change the versioned report.
 */
export type ReportTotals = Pick<
  PnlTotals,
  | "realized"
  | "unrealized"
  | "fees"
  | "cashFlow"
  | "marketValue"
  | "openPositions"
  | "unmarkedPositions"
  | "stockRealized"
  | "stockUnrealized"
  | "stockCashFlow"
>;

export interface PnlReport {
  reportVersion: number;
  engineVersion: string;
  asOf: string;
  source: {
    file: string;
    format: CsvFormat;
    rows: number;
    executions: number;
    events: number;
    stockTrades: number;
    /** Renames and splits read from the file. */
    corporateActions: number;
  };
  totals: ReportTotals;
  byUnderlying: {
    underlying: string;
    realized: string;
    unrealized: string | null;
    fees: string;
    stockRealized: string;
  }[];
  chains: RollChain[];
  /** Legs opened together, labelled; docs/CLI.md. */
  strategies: StrategyPosition[];
  openPositions: {
    underlying: string;
    expiration: string;
    strike: string;
    optionType: "call" | "put";
    quantity: string;
    averagePrice: string;
    mark: string | null;
    marketValue: string | null;
    unrealized: string | null;
  }[];
  /** The ledger's open stock, without the account and the open cash (the cost basis says it). */
  stockPositions: Omit<StockPosition, "accountId" | "openCash">[];
  wheelCycles: WheelCycle[];
  issues: PnlIssue[];
  unusedRows: UnusedRow[];
  errors: CsvRowError[];
  warnings: CsvWarning[];
  reconciliation: { options: Reconciliation; stock: Reconciliation };
}

export interface BuildPnlReportOptions {
  file: string;
  imported: CsvImport;
  result: PnlResult;
  /** `--strategy`: keep only chains and strategy positions with this label. */
  strategy?: StrategyLabel;
}

export function buildPnlReport({ file, imported, result, strategy }: BuildPnlReportOptions): PnlReport {
  const { totals } = result;
  return {
    reportVersion: REPORT_VERSION,
    engineVersion: result.engineVersion,
    asOf: result.asOf,
    source: {
      file,
      format: imported.format,
      rows: imported.rows.length,
      executions: imported.executions.length,
      events: imported.events.length,
      stockTrades: imported.stockTrades.length,
      corporateActions: imported.corporateActions.length,
    },
    totals: {
      realized: totals.realized,
      unrealized: totals.unrealized,
      fees: totals.fees,
      cashFlow: totals.cashFlow,
      marketValue: totals.marketValue,
      openPositions: totals.openPositions,
      unmarkedPositions: totals.unmarkedPositions,
      stockRealized: totals.stockRealized,
      stockUnrealized: totals.stockUnrealized,
      stockCashFlow: totals.stockCashFlow,
    },
    byUnderlying: result.byUnderlying.map(({ underlying, realized, unrealized, fees, stockRealized }) => ({
      underlying,
      realized,
      unrealized,
      fees,
      stockRealized,
    })),
    chains:
      strategy === undefined ? result.chains : result.chains.filter((chain) => chain.strategy === strategy),
    strategies:
      strategy === undefined
        ? result.strategies
        : result.strategies.filter((position) => position.label === strategy),
    openPositions: result.openPositions.map((position) => ({
      underlying: position.underlying,
      expiration: position.expiration,
      strike: position.strike,
      optionType: position.optionType,
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      mark: position.mark,
      marketValue: position.marketValue,
      unrealized: position.unrealized,
    })),
    stockPositions: result.stockPositions.map((position) => ({
      underlying: position.underlying,
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      mark: position.mark,
      marketValue: position.marketValue,
      unrealized: position.unrealized,
      direction: position.direction,
      costBasis: position.costBasis,
      costBasisPerShare: position.costBasisPerShare,
      openedOn: position.openedOn,
    })),
    wheelCycles: result.wheelCycles,
    issues: result.issues,
    unusedRows: imported.unused,
    errors: imported.errors,
    warnings: imported.warnings,
    reconciliation: result.reconciliation,
  };
}
