import type { CsvRecord } from "./read-records";

/**
 * One export format read one data record at a time into an `ImportContext`; `finish` settles what
 * needs the whole file. Both the whole-file import and the streaming one drive the same readers.
 */
export interface FormatReader {
  add(record: CsvRecord): void;
  finish(): void;
}
