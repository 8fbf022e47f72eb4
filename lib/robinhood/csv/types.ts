import { AppError } from "@/lib/errors/app-error";
import type { PnlCorporateAction, PnlExecution, PnlLifecycleEvent, PnlStockTrade } from "@/lib/pnl";

/** Which Robinhood export a file is, recognised by its header. */
export type CsvFormat = "activity-report" | "option-orders" | "stock-orders";

/** Where a row sits in the file: its record number (the header is record 1) and first line. */
export interface CsvRowRef {
  row: number;
  line: number;
}

/** What a data row became. */
export type RowUse =
  | "execution"
  | "event"
  | "stock-leg"
  | "stock-trade"
  | "corporate-action"
  | "unused"
  | "error";

/** One data row with its natural key: `key` is stable when the same file is imported again. */
export interface ImportedRow extends CsvRowRef {
  /** Hash of the row's normalised values; identical rows share it. */
  hash: string;
  /** 0 for the first row with this hash, 1 for the second identical one, … */
  occurrence: number;
  /** `${hash}:${occurrence}`, unique within the file and across re-imports of it. */
  key: string;
  use: RowUse;
  /** Ids of the executions or events made from this row. */
  ids: string[];
}

/** A row that is valid but not an option fill or lifecycle event (cash, stock trades, …). */
export interface UnusedRow extends CsvRowRef {
  /** The Trans Code (or "trailer", "blank"). */
  code: string;
  reason: string;
  /** The row's Amount, kept for cash reconciliation; null when empty. */
  amount: string | null;
}

/** A row that could not be read: which row, which column, why. */
export interface CsvRowError extends CsvRowRef {
  column: string | null;
  reason: string;
}

/** Something imported on an assumption the user should know about. */
export interface CsvWarning {
  row: number | null;
  message: string;
}

export interface CsvImport {
  format: CsvFormat;
  executions: PnlExecution[];
  events: PnlLifecycleEvent[];
  /** Equity purchases and sales (`Buy`/`Sell` rows that are not an option's delivered stock). */
  stockTrades: PnlStockTrade[];
  /** Renames (`OCA` pairs) and splits (`SPL` rows) that carry open option positions to new terms. */
  corporateActions: PnlCorporateAction[];
  rows: ImportedRow[];
  unused: UnusedRow[];
  errors: CsvRowError[];
  warnings: CsvWarning[];
}

export interface CsvImportOptions {
  /** Account id put on every execution and event (the files carry none). Default "robinhood". */
  accountId?: string;
  /** Shares per contract; neither export states it. Default "100". */
  multiplier?: string;
}

/** The file itself cannot be read as a Robinhood export (not the same as a bad row). */
export class CsvFileError extends AppError {
  override name = "CsvFileError";
  constructor(message: string) {
    // Written for the person who chose the file: it names what is wrong with it, never its content.
    super("csv_unreadable", { message, userMessage: message, responseStatus: 422 });
  }
}
