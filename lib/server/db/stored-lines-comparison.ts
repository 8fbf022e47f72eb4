import "server-only";
import type { TableChanges } from "./changed-rows";
import { copyText, type TableRows } from "./copy-rows";
import { copyLineFields } from "./copy-text-rows";
import {
  canonicalDecimal,
  comparerOf,
  onlyFractionZeros,
  sameRow,
  TYPE_OID,
  type ValueComparer,
} from "./stored-row-texts";

/**
 * The comparison of given rows with a user's stored rows printed as lines of COPY text
 * (`stored-row-lines.ts` reads them): in place in the text, one line after another, a line read
 * value by value only where its spelling differs from the given row's.
 */

/** A given row's COPY line, its decimals without trailing fraction zeros (as `storedExpression` prints them). */
export function canonicalLine(row: TableRows["rows"][number], decimals: readonly boolean[]): string {
  let line = "";
  for (let index = 0; index < row.length; index++) {
    if (index > 0) line += "\t";
    const value = row[index] ?? null;
    line += copyText(value !== null && decimals[index] ? canonicalDecimal(value) : value);
  }
  return line;
}

/** Changes found by lines, and how many lines differed in spelling and were read value by value. */
export type LineChanges = TableChanges & { reread: number };

export type LineComparisonOptions = {
  /** How many key columns lead the rows. */
  keyWidth: number;
  /** The type (PostgreSQL's OID) of each column the stored lines hold, in their order. */
  types: readonly number[];
  /**
   * A column of the given rows that the stored lines leave out, and the value every given row holds
   * there: the read's condition fixes it (the user's id), so printing and comparing it on every row
   * would tell nothing. Never a key column.
   */
  fixed?: { column: number; value: string };
};

const TAB = 9;
const NEWLINE = 10;
const NULL_FIELD = "\\N";
// Types whose values' text holds nothing COPY escapes (no tab, newline or backslash is valid input
// of them): compared as they are, without looking for a character to escape.
const NEVER_ESCAPED = new Set<number>([
  TYPE_OID.bool,
  TYPE_OID.int2,
  TYPE_OID.int4,
  TYPE_OID.int8,
  TYPE_OID.date,
  TYPE_OID.timestamptz,
  TYPE_OID.numeric,
  TYPE_OID.uuid,
]);

/**
 * Compares the text of stored rows, pushed in pieces as COPY prints it (cut anywhere), with given
 * rows; `end` answers the given rows that are new or differ (in their given order), the keys of the
 * stored rows no given row has, and how many lines were read value by value.
 *
 * Each stored line is expected to be the given row after the one the previous line matched, and is
 * compared with it field by field where it lies in the text read. A line that is not is cut out and
 * found by its key among the given rows (a map made the first time one is needed); the expected row
 * then moves on from the one found.
 */
export class StoredLinesComparison {
  /** The given rows' columns the stored lines hold, in their order. */
  private readonly columns: number[];
  private readonly decimals: boolean[];
  private readonly escapable: boolean[];
  private readonly comparers: (ValueComparer | null)[];
  private readonly matched: Uint8Array;
  /** Per column, the last given value printed as COPY prints it, and that print. */
  private readonly lastGiven: (string | null)[];
  private readonly lastPrinted: string[];
  private byKey: Map<string, number> | null = null;
  /** The given row the next stored line is expected to be. */
  private expected = 0;
  /** Stored text after its last whole line. */
  private rest = "";
  private readonly changed: number[] = [];
  private readonly goneLines: string[] = [];
  private reread = 0;

  constructor(
    private readonly rows: TableRows["rows"],
    private readonly options: LineComparisonOptions,
  ) {
    const { fixed } = options;
    const width = rows[0]?.length ?? options.types.length + (fixed ? 1 : 0);
    this.columns = Array.from({ length: width }, (_, column) => column).filter(
      (column) => column !== fixed?.column,
    );
    if (this.columns.length !== options.types.length)
      throw new Error(`the stored lines hold ${options.types.length} columns, not ${this.columns.length}`);
    if (fixed) {
      if (fixed.column < options.keyWidth)
        throw new Error("a key column cannot be left out of the stored lines");
      for (const row of rows)
        if (row[fixed.column] !== fixed.value)
          throw new Error(
            `a given row holds ${row[fixed.column]} in column ${fixed.column}, not ${fixed.value}`,
          );
    }
    this.decimals = options.types.map((type) => type === TYPE_OID.numeric);
    this.escapable = options.types.map((type) => !NEVER_ESCAPED.has(type));
    this.comparers = options.types.map(comparerOf);
    this.matched = new Uint8Array(rows.length);
    this.lastGiven = options.types.map(() => null);
    this.lastPrinted = options.types.map(() => "");
  }

  push(piece: string): void {
    let start = 0;
    if (this.rest.length > 0) {
      const newline = piece.indexOf("\n");
      if (newline < 0) {
        this.rest += piece;
        return;
      }
      const line = this.rest + piece.slice(0, newline + 1);
      this.rest = "";
      this.lines(line, 0, line.length);
      start = newline + 1;
    }
    const end = piece.lastIndexOf("\n") + 1;
    if (end > start) this.lines(piece, start, end);
    this.rest = piece.slice(Math.max(start, end));
  }

  end(): LineChanges {
    if (this.rest.length > 0) throw new Error("a COPY ended inside a row");
    for (let index = 0; index < this.rows.length; index++)
      if (this.matched[index] === 0) this.changed.push(index);
    this.changed.sort((a, b) => a - b);
    return {
      rows: this.changed.map((index) => this.rows[index] as TableRows["rows"][number]),
      gone: this.goneLines.map((line) => copyLineFields(keyOfLine(line, this.options.keyWidth))),
      reread: this.reread,
    };
  }

  /** The whole lines of `text` from `start` to `end` (just past a newline). */
  private lines(text: string, start: number, end: number): void {
    let at = start;
    while (at < end) {
      const expected = this.expected;
      const past =
        expected < this.rows.length && this.matched[expected] === 0
          ? this.rowEndAt(this.rows[expected] as TableRows["rows"][number], text, at)
          : -1;
      // A match is the stored line whole: it ends at the line's first newline.
      if (past > 0 && text.indexOf("\n", at) === past - 1) {
        this.matched[expected] = 1;
        this.expected = expected + 1;
        at = past;
        continue;
      }
      const newline = text.indexOf("\n", at);
      this.storedLine(text.slice(at, newline));
      at = newline + 1;
    }
  }

  /**
   * Where the line of `row` ends in `text` (just past its newline) when the line at `at` is it, spelled
   * as `canonicalLine` spells it; -1 otherwise. Compares in place, making no string.
   */
  private rowEndAt(row: TableRows["rows"][number], text: string, at: number): number {
    let position = at;
    const columns = this.columns;
    for (let column = 0; column < columns.length; column++) {
      if (column > 0) {
        if (text.charCodeAt(position) !== TAB) return -1;
        position++;
      }
      const value = row[columns[column] as number] ?? null;
      if (value === null) {
        if (!text.startsWith(NULL_FIELD, position)) return -1;
        position += NULL_FIELD.length;
      } else if (this.decimals[column]) {
        position = decimalEndAt(value, text, position);
        if (position < 0) return -1;
      } else if (this.escapable[column]) {
        // As COPY prints it: the same string unless it holds what COPY escapes.
        const printed = this.printed(column, value);
        if (!text.startsWith(printed, position)) return -1;
        position += printed.length;
      } else {
        if (!text.startsWith(value, position)) return -1;
        position += value.length;
      }
    }
    return text.charCodeAt(position) === NEWLINE ? position + 1 : -1;
  }

  /**
   * `copyText(value)`, remembered per column: most text columns repeat the row before's value (one
   * account, a side, a kind of close), and looking for characters to escape cost more than the
   * comparison itself.
   */
  private printed(column: number, value: string): string {
    if (this.lastGiven[column] === value) return this.lastPrinted[column] as string;
    const printed = copyText(value);
    this.lastGiven[column] = value;
    this.lastPrinted[column] = printed;
    return printed;
  }

  private storedLine(line: string): void {
    const index = this.givenByKey().get(keyOfLine(line, this.options.keyWidth));
    if (index === undefined || this.matched[index] === 1) {
      this.goneLines.push(line);
      return;
    }
    this.matched[index] = 1;
    this.expected = index + 1;
    const row = this.storedColumnsOf(this.rows[index] as TableRows["rows"][number]);
    if (canonicalLine(row, this.decimals) === line) return;
    this.reread++;
    if (!sameRow(copyLineFields(line), row, this.comparers)) this.changed.push(index);
  }

  /** A given row's values of the columns the stored lines hold. */
  private storedColumnsOf(row: TableRows["rows"][number]): TableRows["rows"][number] {
    return this.options.fixed ? this.columns.map((column) => row[column] ?? null) : row;
  }

  private givenByKey(): Map<string, number> {
    if (this.byKey === null) {
      const width = this.options.keyWidth;
      this.byKey = new Map();
      for (const [index, row] of this.rows.entries())
        this.byKey.set(keyOfLine(canonicalLine(row.slice(0, width), this.decimals), width), index);
    }
    return this.byKey;
  }
}

/**
 * Where a decimal field at `at` ends when it is `value`, as `trim_scale` prints it (the given value
 * may carry fraction zeros the stored one lacks); -1 otherwise. A value printed otherwise (`-0`) is
 * left to the line's reading value by value.
 */
function decimalEndAt(value: string, text: string, at: number): number {
  let index = 0;
  while (index < value.length && text.charCodeAt(at + index) === value.charCodeAt(index)) index++;
  const end = at + index;
  const next = text.charCodeAt(end);
  if (next !== TAB && next !== NEWLINE) return -1;
  if (index === value.length) return end;
  // The stored field ended: what the given value has left must be only fraction zeros.
  const inFraction = index > 0 && value.lastIndexOf(".", index - 1) !== -1;
  return onlyFractionZeros(value, index, inFraction) ? end : -1;
}

/** The line up to (not including) the tab after its `width`-th field: the key as printed. */
function keyOfLine(line: string, width: number): string {
  let end = -1;
  for (let field = 0; field < width; field++) {
    end = line.indexOf("\t", end + 1);
    if (end < 0) return line;
  }
  return line.slice(0, end);
}
