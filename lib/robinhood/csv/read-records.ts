import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { CsvFileError } from "./types";

export interface CsvRecord {
  fields: string[];
  /** 1-based record number; the header is record 1 in a well-formed file. */
  row: number;
  /** Line on which the record starts (descriptions may span several lines). */
  line: number;
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

/**
 * Splits a file into records with a real RFC-4180 parser: quoted fields may hold line breaks (every
 * stock Description does), and records may have more fields than the header (the disclaimer row
 * has ten). Never split on newlines first.
 */
export function readRecords(text: string): CsvRecord[] {
  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      info: true,
      raw: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFileError(`not a readable CSV file: ${error.message}`);
    throw error;
  }
  return parsed.map((item, index) => ({
    fields: item.record,
    row: index + 1,
    line: item.info.lines - innerLineBreaks(item.raw),
  }));
}

function innerLineBreaks(raw: string): number {
  let count = 0;
  for (let index = 0; index < raw.length; index++) if (raw.charCodeAt(index) === 10) count++;
  // The record delimiter itself ends the record; it is not a line inside it.
  return raw.endsWith("\n") ? count - 1 : count;
}
