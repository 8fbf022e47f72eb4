import { activityReportReader } from "./activity/import-activity-report";
import type { FormatReader } from "./format-reader";
import { ImportContext } from "./import-context";
import { optionOrdersReader } from "./orders/import-option-orders";
import type { CsvRecord } from "./read-records";
import { stockOrdersReader } from "./stock-orders/import-stock-orders";
import { CsvFileError, type CsvFormat, type CsvImportOptions } from "./types";

// The header is normally the first record; a few lines of preamble are tolerated.
export const HEADER_SEARCH_LIMIT = 20;

/** The format a header record names (robinhood-csv.md §5 detection rule), if it is one. */
export function formatOfHeader(record: CsvRecord): CsvFormat | null {
  const names = new Set(record.fields.map((field) => field.trim()));
  if (names.has("Activity Date") && names.has("Trans Code")) return "activity-report";
  if (names.has("chain_symbol") && names.has("opening_strategy")) return "option-orders";
  if (names.has("symbol") && names.has("average_price") && names.has("side")) return "stock-orders";
  return null;
}

/**
 * Reads a Robinhood export one record at a time, whichever format its header names, into an
 * `ImportContext`. Records before the header are held until it is found (at most 20). A record with
 * bytes that are not text becomes a row error per bad field, naming the field's column, whatever
 * the row would otherwise have been. Throws `CsvFileError` when no header is found.
 */
export class CsvImportReader {
  private readonly preamble: CsvRecord[] = [];
  private reader: FormatReader | null = null;
  private state: { context: ImportContext; header: string[] } | null = null;

  constructor(private readonly options: CsvImportOptions = {}) {}

  /** The import so far; null until the header has been read. */
  get context(): ImportContext | null {
    return this.state?.context ?? null;
  }

  /** The header's column names (trimmed); empty until the header has been read. */
  get header(): readonly string[] {
    return this.state?.header ?? [];
  }

  add(record: CsvRecord): void {
    if (this.reader === null || this.state === null) {
      this.findHeader(record);
      return;
    }
    if (record.byteErrors) this.badBytes(this.state.context, record);
    else this.reader.add(record);
  }

  finish(): ImportContext {
    if (this.reader === null || this.state === null) throw noHeader(this.preamble);
    this.reader.finish();
    return this.state.context;
  }

  private findHeader(record: CsvRecord): void {
    const format = formatOfHeader(record);
    if (format === null) {
      this.preamble.push(record);
      if (this.preamble.length >= HEADER_SEARCH_LIMIT) throw noHeader(this.preamble);
      return;
    }
    const context = new ImportContext(format, this.options);
    this.state = { context, header: record.fields.map((name) => name.trim()) };
    const clean = this.preamble.filter((item) => !item.byteErrors);
    this.reader = readerOf(format, context, clean, record);
    for (const item of this.preamble) if (item.byteErrors) this.badBytes(context, item);
    if (record.byteErrors) this.badBytes(context, record);
    this.preamble.length = 0;
  }

  private badBytes(context: ImportContext, record: CsvRecord): void {
    const imported = context.addRow(record, record.fields);
    for (const error of record.byteErrors ?? []) {
      const column = this.header[error.field] || `column ${error.field + 1}`;
      context.error(record, column, error.reason, imported);
    }
  }
}

function readerOf(
  format: CsvFormat,
  context: ImportContext,
  preamble: readonly CsvRecord[],
  header: CsvRecord,
): FormatReader {
  if (format === "activity-report") return activityReportReader(context, preamble, header);
  if (format === "stock-orders") return stockOrdersReader(context, header);
  return optionOrdersReader(context, header);
}

function noHeader(records: readonly CsvRecord[]): CsvFileError {
  const bad = records.find((record) => record.byteErrors);
  const why = bad ? ` (row ${bad.row} ${bad.byteErrors?.[0]?.reason ?? "is not text"})` : "";
  return new CsvFileError(
    `not a Robinhood export: no header with "Activity Date" and "Trans Code" (activity report), "chain_symbol" and "opening_strategy" (option orders) or "symbol", "side" and "average_price" (stock orders)${why}`,
  );
}
