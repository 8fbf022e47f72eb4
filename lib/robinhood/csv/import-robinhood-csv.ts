import { importActivityReport } from "./activity/import-activity-report";
import { importOptionOrders } from "./orders/import-option-orders";
import { type CsvRecord, readRecords } from "./read-records";
import { importStockOrders } from "./stock-orders/import-stock-orders";
import { CsvFileError, type CsvFormat, type CsvImport, type CsvImportOptions } from "./types";

// The header is normally the first record; a few lines of preamble are tolerated.
const HEADER_SEARCH_LIMIT = 20;

/** Finds the header by its column names (robinhood-csv.md §5 detection rule). */
export function detectCsvFormat(
  records: readonly CsvRecord[],
): { format: CsvFormat; headerIndex: number } | null {
  const limit = Math.min(records.length, HEADER_SEARCH_LIMIT);
  for (let index = 0; index < limit; index++) {
    const names = new Set((records[index] as CsvRecord).fields.map((field) => field.trim()));
    if (names.has("Activity Date") && names.has("Trans Code"))
      return { format: "activity-report", headerIndex: index };
    if (names.has("chain_symbol") && names.has("opening_strategy"))
      return { format: "option-orders", headerIndex: index };
    if (names.has("symbol") && names.has("average_price") && names.has("side"))
      return { format: "stock-orders", headerIndex: index };
  }
  return null;
}

/**
 * Imports a Robinhood account activity report, or a robin_stocks option-orders or stock-orders
 * export, whichever the header says it is. Throws `CsvFileError` when the text is not such a file at all; bad rows
 * come back in `errors` with their row, column and reason.
 */
export function importRobinhoodCsv(text: string, options: CsvImportOptions = {}): CsvImport {
  return importRobinhoodRecords(readRecords(text), options);
}

/** `importRobinhoodCsv` for a file already split into records (a caller that keeps the records). */
export function importRobinhoodRecords(
  records: readonly CsvRecord[],
  options: CsvImportOptions = {},
): CsvImport {
  const detected = detectCsvFormat(records);
  if (detected === null) {
    throw new CsvFileError(
      'not a Robinhood export: no header with "Activity Date" and "Trans Code" (activity report), "chain_symbol" and "opening_strategy" (option orders) or "symbol", "side" and "average_price" (stock orders)',
    );
  }
  if (detected.format === "activity-report")
    return importActivityReport(records, detected.headerIndex, options);
  if (detected.format === "stock-orders") return importStockOrders(records, detected.headerIndex, options);
  return importOptionOrders(records, detected.headerIndex, options);
}
