/**
 * Robinhood CSV import: `importRobinhoodCsv(text)` reads an account activity report or a
 * robin_stocks option-orders export into the P&L engine's executions and events, and accounts for
 * every other row. Format notes: shared/robinhood-csv.md.
 */
export { badBytesReason } from "./decode-fields";
export { parseMoney, parseOptionDescription, parseQuantity, parseUsDate } from "./fields";
export { detectCsvFormat, importRobinhoodCsv, importRobinhoodRecords } from "./import-robinhood-csv";
export { newYorkDate } from "./orders/import-option-orders";
export { type CsvRecord, readRecords, streamRecords } from "./read-records";
export { rowHash } from "./row-keys";
export {
  type CsvImportBatch,
  type CsvImportSummary,
  type SettledRow,
  streamCsvImport,
} from "./stream-csv-import";
export {
  CsvFileError,
  type CsvFormat,
  type CsvImport,
  type CsvImportOptions,
  type CsvRowError,
  type CsvRowRef,
  type CsvWarning,
  type ImportedRow,
  type RowUse,
  type UnusedRow,
} from "./types";
