import { type Micro, tryParseDecimal } from "@/lib/money";
import type { PnlCorporateAction, PnlExecution, PnlLifecycleEvent, PnlStockTrade } from "@/lib/pnl";
import { PositionLedger } from "./position-tracker";
import { RowKeys } from "./row-keys";
import type {
  CsvFormat,
  CsvImport,
  CsvImportOptions,
  CsvRowError,
  CsvRowRef,
  CsvWarning,
  ImportedRow,
  RowUse,
  UnusedRow,
} from "./types";

export const DEFAULT_ACCOUNT_ID = "robinhood";
export const DEFAULT_MULTIPLIER = "100";

/** Collects what an import produces, so every row ends up used, unused (with a reason) or an error. */
export class ImportContext {
  readonly accountId: string;
  readonly multiplier: string;
  readonly multiplierMicro: Micro;
  readonly executions: PnlExecution[] = [];
  readonly events: PnlLifecycleEvent[] = [];
  readonly stockTrades: PnlStockTrade[] = [];
  readonly corporateActions: PnlCorporateAction[] = [];
  readonly unused: UnusedRow[] = [];
  readonly errors: CsvRowError[] = [];
  readonly warnings: CsvWarning[] = [];
  /** The rows registered so far; a streaming import takes the settled ones out as it goes. */
  readonly rows: ImportedRow[] = [];
  /** Every fill and event in compact form, for replaying positions after they were taken out. */
  readonly ledger = new PositionLedger();
  private readonly keys = new RowKeys();

  constructor(
    readonly format: CsvFormat,
    options: CsvImportOptions,
  ) {
    this.accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
    this.multiplier = options.multiplier ?? DEFAULT_MULTIPLIER;
    const multiplier = tryParseDecimal(this.multiplier);
    if (multiplier === null || multiplier <= 0)
      throw new Error(`multiplier must be a positive decimal: ${this.multiplier}`);
    this.multiplierMicro = multiplier;
  }

  /** Registers a data row and its natural key; it counts as unused until something uses it. */
  addRow(ref: CsvRowRef, keyValues: readonly (string | null)[]): ImportedRow {
    const { hash, occurrence, key } = this.keys.next(keyValues);
    const row: ImportedRow = { row: ref.row, line: ref.line, hash, occurrence, key, use: "unused", ids: [] };
    this.rows.push(row);
    return row;
  }

  addExecution(execution: PnlExecution): void {
    this.executions.push(execution);
    this.ledger.recordExecution(execution);
  }

  addEvent(event: PnlLifecycleEvent): void {
    this.events.push(event);
    this.ledger.recordEvent(event);
  }

  use(row: ImportedRow, use: RowUse, id?: string): void {
    row.use = use;
    if (id !== undefined) row.ids.push(id);
  }

  leaveUnused(ref: CsvRowRef, unused: Omit<UnusedRow, "row" | "line">): void {
    this.unused.push({ row: ref.row, line: ref.line, ...unused });
  }

  error(ref: CsvRowRef, column: string | null, reason: string, row?: ImportedRow): void {
    this.errors.push({ row: ref.row, line: ref.line, column, reason });
    if (row) row.use = "error";
  }

  warn(row: number | null, message: string): void {
    this.warnings.push({ row, message });
  }

  result(): CsvImport {
    const byRow = (a: CsvRowRef, b: CsvRowRef) => a.row - b.row;
    return {
      format: this.format,
      executions: this.executions,
      events: this.events,
      stockTrades: this.stockTrades,
      corporateActions: this.corporateActions,
      rows: this.rows.sort(byRow),
      unused: this.unused.sort(byRow),
      errors: this.errors.sort(byRow),
      warnings: this.warnings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    };
  }
}
