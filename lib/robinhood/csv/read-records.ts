import { Readable } from "node:stream";
import { CsvError, parse as parseStream } from "csv-parse";
import { parse } from "csv-parse/sync";
import { type ByteError, decodeFields, hasBadBytes } from "./decode-fields";
import { CsvFileError } from "./types";

export interface CsvRecord {
  fields: string[];
  /** 1-based record number; the header is record 1 in a well-formed file. */
  row: number;
  /** Line on which the record starts (descriptions may span several lines). */
  line: number;
  /** Fields whose bytes are not text (NUL, control characters, not UTF-8); each is a row error. */
  byteErrors?: ByteError[];
}

type ParsedRecord = string[] | Buffer[];

// The BOM is taken off before parsing (see `withoutBom`). No `info`: the parser's per-record info
// object cost more than the rest of the parsing, and line numbers are counted here instead.
const TEXT_OPTIONS = { relax_column_count: true, skip_empty_lines: false } as const;
// A file with bytes that are not text is parsed into fields of bytes (`encoding: null`), so each
// field can be checked and the bad ones reported by row and column. Clean files, nearly all, skip it.
const BYTE_OPTIONS = { ...TEXT_OPTIONS, encoding: null } as const;

function optionsFor(bytes: Buffer) {
  return hasBadBytes(bytes) ? BYTE_OPTIONS : TEXT_OPTIONS;
}

// The file is fed to the streaming parser in pieces of this size, so only a few records are ever
// decoded ahead of the importer.
const STREAM_CHUNK_BYTES = 4 * 1024;

/**
 * Splits a file into records with a real RFC-4180 parser: quoted fields may hold line breaks (every
 * stock Description does), and records may have more fields than the header (the disclaimer row
 * has ten). Never split on newlines first. Throws `CsvFileError` when the file is not CSV.
 */
export function readRecords(file: string | Uint8Array): CsvRecord[] {
  let parsed: ParsedRecord[];
  try {
    const bytes = withoutBom(file);
    parsed = parse(bytes, optionsFor(bytes)) as unknown as ParsedRecord[];
  } catch (error) {
    throw fileErrorOf(error);
  }
  const lines = new LineCounter();
  return parsed.map((item, index) => recordOf(item, index + 1, lines));
}

/**
 * `readRecords` one record at a time, for a large file: memory holds the file's bytes and a few
 * records, not every record at once.
 */
export async function* streamRecords(file: string | Uint8Array): AsyncGenerator<CsvRecord> {
  const bytes = withoutBom(file);
  const chunks = function* () {
    for (let start = 0; start < bytes.length; start += STREAM_CHUNK_BYTES)
      yield bytes.subarray(start, start + STREAM_CHUNK_BYTES);
  };
  const parser = Readable.from(chunks(), { objectMode: false }).pipe(parseStream(optionsFor(bytes)));
  let row = 0;
  const lines = new LineCounter();
  try {
    for await (const item of parser as AsyncIterable<ParsedRecord>) yield recordOf(item, ++row, lines);
  } catch (error) {
    throw fileErrorOf(error);
  } finally {
    parser.destroy();
  }
}

function recordOf(item: ParsedRecord, row: number, lines: LineCounter): CsvRecord {
  if (isText(item)) return { fields: item, row, line: lines.next(item) };
  const { fields, byteErrors } = decodeFields(item);
  const record: CsvRecord = { fields, row, line: lines.next(fields) };
  if (byteErrors.length > 0) record.byteErrors = byteErrors;
  return record;
}

/**
 * The line each record starts on: every record ends with one record delimiter (a line break), and
 * its quoted fields may hold more line breaks (a stock row's Description holds two).
 */
class LineCounter {
  private line = 1;

  next(fields: readonly string[]): number {
    const line = this.line;
    this.line += 1 + innerLineBreaks(fields);
    return line;
  }
}

function isText(fields: string[] | Buffer[]): fields is string[] {
  return fields.length === 0 || typeof fields[0] === "string";
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The file's bytes without a UTF-8 byte-order mark; a UTF-16 file is refused whole. */
function withoutBom(file: string | Uint8Array): Buffer {
  const bytes =
    typeof file === "string" ? Buffer.from(file) : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new CsvFileError("the file is UTF-16 text; export or save it as UTF-8 CSV");
  return UTF8_BOM.every((byte, index) => bytes[index] === byte) ? bytes.subarray(UTF8_BOM.length) : bytes;
}

function fileErrorOf(error: unknown): unknown {
  if (error instanceof CsvError) {
    // The parser's message may end by quoting the field as bytes; the line number says enough.
    return new CsvFileError(`not a readable CSV file: ${error.message.replace(/, value is .*$/s, "")}`);
  }
  return error;
}

/** Line breaks inside the record's (quoted) fields; the record delimiter is not counted. */
function innerLineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) {
    for (let index = field.indexOf("\n"); index !== -1; index = field.indexOf("\n", index + 1)) count++;
  }
  return count;
}
