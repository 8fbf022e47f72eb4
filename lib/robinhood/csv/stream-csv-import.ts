import type { PnlCorporateAction, PnlExecution, PnlLifecycleEvent, PnlStockTrade } from "@/lib/pnl";
import { CsvImportReader } from "./csv-import-reader";
import type { ImportContext } from "./import-context";
import { type CsvRecord, streamRecords } from "./read-records";
import type { CsvFormat, CsvImportOptions, CsvRowError, CsvWarning, ImportedRow, RowUse } from "./types";

/** A data row whose use is final, with its values by column name. */
export interface SettledRow {
  row: number;
  line: number;
  /** The row's natural key (`ImportedRow.key`). */
  key: string;
  use: RowUse;
  /** Why an unused row was not used; null for the others. */
  reason: string | null;
  values: Record<string, string>;
}

/**
 * What one batch of a file adds: its settled rows and the fills, events, stock trades and corporate
 * actions they made.
 */
export interface CsvImportBatch {
  rows: SettledRow[];
  executions: PnlExecution[];
  events: PnlLifecycleEvent[];
  stockTrades: PnlStockTrade[];
  corporateActions: PnlCorporateAction[];
}

export interface CsvImportSummary {
  format: CsvFormat;
  /** Data rows in the file, and those used for fills, events, stock legs or corporate actions. */
  rows: number;
  usedRows: number;
  /** The first `maxErrors` row errors in row order; `errorCount` says how many there were. */
  errors: CsvRowError[];
  errorCount: number;
  warnings: CsvWarning[];
  warningCount: number;
}

export interface StreamCsvImportOptions extends CsvImportOptions {
  file: string | Uint8Array;
  /** Receives each batch in turn; without it the file is only checked (nothing is kept). */
  onBatch?: (batch: CsvImportBatch) => Promise<void>;
  /** Settled rows per batch. */
  batchRows?: number;
  maxErrors?: number;
  maxWarnings?: number;
}

/**
 * Rows per batch. Larger batches mean fewer round trips, but memory grows with them twice over: a
 * batch's objects live long enough to be promoted to V8's old generation, which is collected lazily,
 * and the Prisma client keeps the arguments of its last 100 debug log calls (queries included,
 * logging enabled or not), about ten per batch. 500 rows keep both small.
 */
export const DEFAULT_BATCH_ROWS = 500;

// Settled rows are taken out of the import every this many records, while they are still young
// objects (the scan covers only the few rows still waiting).
const RECORDS_PER_DRAIN = 100;

/**
 * Imports a Robinhood export in batches with bounded memory: records are read one at a time, and
 * each row's fills and events leave memory in the next batch once the row is settled. What stays
 * for the whole file is small per row: the natural-key counts, a compact position history for
 * corporate actions, the assignments and exercises waiting for their stock rows, and the capped
 * error and warning lists (an option-orders export is held whole; see `optionOrdersReader`).
 * Throws `CsvFileError` when the file is not a Robinhood export at all.
 */
export async function streamCsvImport(options: StreamCsvImportOptions): Promise<CsvImportSummary> {
  const reader = new CsvImportReader(options);
  const collecting = options.onBatch !== undefined;
  const drain = new Drain(reader, {
    keepValues: collecting,
    maxErrors: options.maxErrors ?? 100,
    maxWarnings: options.maxWarnings ?? 100,
  });
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const recordsPerDrain = Math.max(1, Math.min(RECORDS_PER_DRAIN, Math.floor(batchRows / 4)));
  let records = 0;
  for await (const record of streamRecords(options.file)) {
    reader.add(record);
    drain.remember(record);
    if (++records % recordsPerDrain === 0) {
      drain.take(false);
      if (collecting && drain.pendingRows >= batchRows) await options.onBatch?.(drain.batch());
    }
  }
  reader.finish();
  drain.take(true);
  if (collecting && drain.pendingRows + drain.pendingTrades > 0) await options.onBatch?.(drain.batch());
  return drain.summary();
}

const UNUSED_FALLBACK = "not an option fill or lifecycle event";

/** Takes settled rows, fills and events out of an import as they become final. */
class Drain {
  private readonly values = new Map<number, string[]>();
  private current: CsvImportBatch = emptyBatch();
  private readonly errors: Capped<CsvRowError>;
  private readonly warnings: Capped<CsvWarning>;
  private rows = 0;
  private usedRows = 0;

  constructor(
    private readonly reader: CsvImportReader,
    private readonly options: { keepValues: boolean; maxErrors: number; maxWarnings: number },
  ) {
    this.errors = new Capped(options.maxErrors, (error) => error.row);
    this.warnings = new Capped(options.maxWarnings, (warning) => warning.row ?? 0);
  }

  get pendingRows(): number {
    return this.current.rows.length;
  }

  get pendingTrades(): number {
    const { executions, events, stockTrades, corporateActions } = this.current;
    return executions.length + events.length + stockTrades.length + corporateActions.length;
  }

  /** Keeps a record's fields until its row is settled, when the row was registered from it. */
  remember(record: CsvRecord): void {
    const rows = this.reader.context?.rows;
    if (this.options.keepValues && rows && rows[rows.length - 1]?.row === record.row)
      this.values.set(record.row, record.fields);
  }

  take(final: boolean): void {
    const context = this.reader.context;
    if (context === null) return;
    for (const error of context.errors.splice(0)) this.errors.add(error);
    for (const warning of context.warnings.splice(0)) this.warnings.add(warning);
    const reasons = new Map(context.unused.splice(0).map((unused) => [unused.row, unused.reason]));
    const waiting: ImportedRow[] = [];
    for (const row of context.rows) {
      const reason = reasons.get(row.row);
      if (!final && row.use === "unused" && reason === undefined) {
        waiting.push(row);
        continue;
      }
      this.settle(row, reason);
    }
    context.rows.length = 0;
    append(context.rows, waiting);
    this.takeTrades(context, final);
  }

  batch(): CsvImportBatch {
    const batch = this.current;
    this.current = emptyBatch();
    return batch;
  }

  summary(): CsvImportSummary {
    const context = this.reader.context as ImportContext;
    return {
      format: context.format,
      rows: this.rows,
      usedRows: this.usedRows,
      errors: this.errors.list(),
      errorCount: this.errors.count,
      warnings: this.warnings.list(),
      warningCount: this.warnings.count,
    };
  }

  private settle(row: ImportedRow, reason: string | undefined): void {
    this.rows++;
    const used = row.use !== "unused" && row.use !== "error";
    if (used) this.usedRows++;
    if (!this.options.keepValues) return;
    this.current.rows.push({
      row: row.row,
      line: row.line,
      key: row.key,
      use: row.use,
      reason: used ? null : (reason ?? UNUSED_FALLBACK),
      values: this.valuesOf(row.row),
    });
    this.values.delete(row.row);
  }

  private valuesOf(row: number): Record<string, string> {
    const header = this.reader.header;
    const values: Record<string, string> = {};
    (this.values.get(row) ?? []).forEach((value, index) => {
      values[header[index] ?? `column ${index + 1}`] = value;
    });
    return values;
  }

  /**
   * Fills, stock trades and corporate actions (made only by `finish`) leave at once; an assignment or exercise waits for the end of the file,
   * where its stock row (anywhere in the file) sets its stock fees.
   */
  private takeTrades(context: ImportContext, final: boolean): void {
    const executions = context.executions.splice(0);
    const stockTrades = context.stockTrades.splice(0);
    const corporateActions = context.corporateActions.splice(0);
    const events = final
      ? context.events.splice(0)
      : takeWhere(context.events, (event) => event.type === "expiration");
    if (!this.options.keepValues) return;
    append(this.current.executions, executions);
    append(this.current.events, events);
    append(this.current.stockTrades, stockTrades);
    append(this.current.corporateActions, corporateActions);
  }
}

function emptyBatch(): CsvImportBatch {
  return { rows: [], executions: [], events: [], stockTrades: [], corporateActions: [] };
}

/** Removes and returns the items that pass `test`, keeping the others in order. */
function takeWhere<T>(items: T[], test: (item: T) => boolean): T[] {
  const taken: T[] = [];
  const kept: T[] = [];
  for (const item of items) (test(item) ? taken : kept).push(item);
  items.length = 0;
  append(items, kept);
  return taken;
}

/** `target.push(...items)` without spreading a long list into arguments (a stack overflow). */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** The first `max` items by row (stable), and how many there were in all. */
class Capped<T> {
  private items: T[] = [];
  count = 0;

  constructor(
    private readonly max: number,
    private readonly rowOf: (item: T) => number,
  ) {}

  add(item: T): void {
    this.count++;
    this.items.push(item);
    if (this.items.length > 2 * this.max) this.items = this.list();
  }

  list(): T[] {
    return [...this.items].sort((a, b) => this.rowOf(a) - this.rowOf(b)).slice(0, this.max);
  }
}
