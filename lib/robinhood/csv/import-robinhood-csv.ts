import { CsvImportReader, formatOfHeader, HEADER_SEARCH_LIMIT } from "./csv-import-reader";
import { type CsvRecord, readRecords } from "./read-records";
import type { CsvFormat, CsvImport, CsvImportOptions } from "./types";

/** Finds the header by its column names (robinhood-csv.md §5 detection rule). */
export function detectCsvFormat(
  records: readonly CsvRecord[],
): { format: CsvFormat; headerIndex: number } | null {
  const limit = Math.min(records.length, HEADER_SEARCH_LIMIT);
  for (let index = 0; index < limit; index++) {
    const format = formatOfHeader(records[index] as CsvRecord);
    if (format !== null) return { format, headerIndex: index };
  }
  return null;
}

/**
 * Imports a Robinhood account activity report, or a robin_stocks option-orders or stock-orders
 * export, whichever the header says it is. Throws `CsvFileError` when the text is not such a file at all; bad rows
 * come back in `errors` with their row, column and reason.
 */
export function importRobinhoodCsv(text: string | Uint8Array, options: CsvImportOptions = {}): CsvImport {
  return importRobinhoodRecords(readRecords(text), options);
}

/** `importRobinhoodCsv` for a file already split into records (a caller that keeps the records). */
export function importRobinhoodRecords(
  records: readonly CsvRecord[],
  options: CsvImportOptions = {},
): CsvImport {
  const reader = new CsvImportReader(options);
  for (const record of records) reader.add(record);
  return reader.finish().result();
}
