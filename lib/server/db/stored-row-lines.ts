import "server-only";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import type { TableChanges } from "./changed-rows";
import { copyOut } from "./copy-out";
import { copyText, safeName, type TableRows, UUID } from "./copy-rows";
import {
  canonicalDecimal,
  comparerOf,
  onlyFractionZeros,
  sameRow,
  TYPE_OID,
  type ValueComparer,
} from "./stored-row-texts";

/**
 * Comparing every row of a user's tables with the stored ones on this side, by lines of COPY text.
 *
 * A full recompute over stored rows gives a hundred thousand rows of which most did not change.
 * Staging them all and comparing in SQL made the server parse, store and join every row; reading
 * the stored rows through the driver made a string of every value. Here each table's stored rows
 * come by `COPY (SELECT …) TO STDOUT`, one line of text per row, each column printed in the spelling
 * a given row uses (`storedExpression`), so an unchanged row's text is the given row's line
 * (`canonicalLine`), compared where it lies in the text read. Only a line that differs is read value
 * by value, by what its values mean (`sameRow`): a value spelled otherwise is found equal there, so a
 * spelling this side did not foresee costs time, never a wrong answer.
 */

/** Each table's columns' types (PostgreSQL's OIDs), by table and column name. */
export type ColumnTypes = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * The query that answers the column types of `tables`, one row per column (`table`, `column`, `type`),
 * to be sent with other statements of the caller's.
 */
export function columnTypesQuery(tables: readonly string[]): string {
  const relations = tables.map((table) => `'${safeName(table)}'::regclass`).join(", ");
  return `SELECT c.relname AS table, a.attname AS column, a.atttypid::int AS type
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
   WHERE a.attrelid IN (${relations}) AND a.attnum > 0 AND NOT a.attisdropped`;
}

/** The rows of `columnTypesQuery` as a map. */
export function columnTypesOf(rows: readonly Record<string, unknown>[]): ColumnTypes {
  const types = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const table = String(row.table);
    let columns = types.get(table);
    if (columns === undefined) {
      columns = new Map();
      types.set(table, columns);
    }
    columns.set(String(row.column), Number(row.type));
  }
  return types;
}

/**
 * A stored column as the given rows spell it: a decimal without the zeros that pad the column's
 * scale (`trim_scale`; the given side drops them too, `canonicalLine`), a timestamp in UTC with its
 * zone as `dayTimestamp` writes it (its fraction printed when it has one); any other type as
 * PostgreSQL prints it (a day as `YYYY-MM-DD`: `READ_AS_GIVEN` sets the ISO date style first).
 * Each is cheap to print: formatting by `to_char` cost twice the plain read of the lots.
 */
export function storedExpression(column: string, type: number): string {
  const name = `t.${safeName(column)}`;
  switch (type) {
    case TYPE_OID.numeric:
      return `trim_scale(${name})`;
    case TYPE_OID.timestamptz:
      return `(${name} AT TIME ZONE 'UTC')::text || '+00'`;
    default:
      return name;
  }
}

/** Sent before the reads: days and timestamps printed in ISO 8601 whatever the session's style. */
export const READ_AS_GIVEN = "SET LOCAL DateStyle = 'ISO, MDY'";

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

/**
 * The given rows of `table` that are new or differ from the user's stored rows, and the keys of the
 * stored rows no given row has, comparing every stored row of the user in the table. `types` are the
 * table's column types (`columnTypesOf`). The key columns must lead the given columns.
 *
 * The stored rows are read in the order the server finds them, which for rows a recompute wrote is
 * mostly the order it gave them in (written by one `INSERT … SELECT` from rows staged in that order,
 * and a scan of the user's rows, sequential or through a bitmap, reads them back in the order they
 * lie). So each stored line is first compared with the next given row, value by value, in place in
 * the text read (`StoredLinesComparison`): no string is made per stored row or per given one. Only a
 * line that is not the next given row is cut out and found by its key: any order gives the same
 * answer (an index's order, rows an incremental recompute moved), another one costs more, at worst
 * what a map of every row by key costs.
 */
export async function changedRowsByLines(
  connection: pg.ClientBase,
  options: { userId: string; table: TableRows; types: ReadonlyMap<string, number> },
): Promise<LineChanges> {
  const [changes] = await changedRowsOfTablesByLines(connection, options.userId, [options]);
  return changes as LineChanges;
}

/**
 * `changedRowsByLines` of several tables, their stored rows read by one query (`copyOut`): the
 * server prints each table's lines while this side compares the table before.
 */
export async function changedRowsOfTablesByLines(
  connection: pg.ClientBase,
  userId: string,
  tables: readonly { table: TableRows; types: ReadonlyMap<string, number> }[],
): Promise<LineChanges[]> {
  if (!UUID.test(userId)) throw new Error(`bad user id: ${userId}`);
  const reads = tables.map(({ table, types }) => {
    // The user's id is the read's own condition: not printed per row, only checked on the given rows.
    const userColumn = table.columns.indexOf("user_id");
    const stored = table.columns.filter((_, index) => index !== userColumn);
    const storedTypes = stored.map((column) => {
      const type = types.get(column);
      if (type === undefined) throw new Error(`${table.table} has no column ${column}`);
      return type;
    });
    const comparison = new StoredLinesComparison(table.rows, {
      keyWidth: leadingKeyWidth(table),
      types: storedTypes,
      fixed: userColumn < 0 ? undefined : { column: userColumn, value: userId },
    });
    const select = `SELECT ${stored.map((column, index) => storedExpression(column, storedTypes[index] as number)).join(", ")}
      FROM ${safeName(table.table)} t WHERE t.user_id = '${userId}'`;
    return { comparison, statement: `COPY (${select}) TO STDOUT`, decoder: new StringDecoder("utf8") };
  });
  await copyOut(
    connection,
    reads.map(({ statement }) => statement),
    reads.map(
      ({ comparison, decoder }) =>
        (piece: Buffer) =>
          comparison.push(decoder.write(piece)),
    ),
  );
  return reads.map(({ comparison, decoder }) => {
    comparison.push(decoder.end());
    return comparison.end();
  });
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

/** How many columns the table's key takes, checked to be the leading ones. */
function leadingKeyWidth(table: TableRows): number {
  const key = table.key ?? ["id"];
  key.forEach((column, index) => {
    if (table.columns[index] !== column)
      throw new Error(`${table.table}: its key columns must lead its columns to be compared by lines`);
  });
  return key.length;
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

const ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/**
 * A line's fields as values: `\N` is NULL, and the escapes PostgreSQL's COPY prints (a backslash
 * before `b f n r t v` or before itself) are decoded.
 */
export function copyLineFields(line: string): (string | null)[] {
  return line.split("\t").map((field) => {
    if (field === "\\N") return null;
    if (!field.includes("\\")) return field;
    return field.replace(/\\(.)/g, (_, char: string) => ESCAPES[char] ?? char);
  });
}
