import "server-only";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { TableChanges } from "./changed-rows";
import { copyText, safeName, type TableRows, UUID } from "./copy-rows";
import { canonicalDecimal, comparerOf, sameRow, TYPE_OID, type ValueComparer } from "./stored-row-texts";

/**
 * Comparing every row of a user's tables with the stored ones on this side, by lines of COPY text.
 *
 * A full recompute over stored rows gives a hundred thousand rows of which most did not change.
 * Staging them all and comparing in SQL made the server parse, store and join every row; reading
 * the stored rows through the driver made a string of every value. Here each table's stored rows
 * come by `COPY (SELECT …) TO STDOUT`, one line of text per row, each column printed in the spelling
 * a given row uses (`storedExpression`), so an unchanged row is one string equal to the given row's
 * line (`canonicalLine`). Only a line that differs is read value by value, by what its values mean
 * (`sameRow`): a value spelled otherwise is found equal there, so a spelling this side did not foresee
 * costs time, never a wrong answer.
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
 */
export async function changedRowsByLines(
  connection: pg.ClientBase,
  options: { userId: string; table: TableRows; types: ReadonlyMap<string, number> },
): Promise<LineChanges> {
  const { userId, table, types } = options;
  if (!UUID.test(userId)) throw new Error(`bad user id: ${userId}`);
  const keyWidth = leadingKeyWidth(table);
  const columnTypes = table.columns.map((column) => {
    const type = types.get(column);
    if (type === undefined) throw new Error(`${table.table} has no column ${column}`);
    return type;
  });
  const select = `SELECT ${table.columns.map((column, index) => storedExpression(column, columnTypes[index] as number)).join(", ")}
    FROM ${safeName(table.table)} t WHERE t.user_id = '${userId}'`;
  const stored = new Map<string, string>();
  await readLines(connection, select, (line) => {
    stored.set(keyOfLine(line, keyWidth), line);
  });
  const decimals = columnTypes.map((type) => type === TYPE_OID.numeric);
  const comparers = columnTypes.map(comparerOf);
  return compareLines(table.rows, stored, { keyWidth, decimals, comparers });
}

/** Changes found by lines, and how many lines differed in spelling and were read value by value. */
export type LineChanges = TableChanges & { reread: number };

/**
 * The given rows that are new or differ from the stored lines (by key), and the stored keys not
 * given. `stored` is emptied of the keys given.
 */
export function compareLines(
  rows: TableRows["rows"],
  stored: Map<string, string>,
  options: { keyWidth: number; decimals: readonly boolean[]; comparers: readonly (ValueComparer | null)[] },
): LineChanges {
  const changed: TableRows["rows"][number][] = [];
  let reread = 0;
  for (const row of rows) {
    const line = canonicalLine(row, options.decimals);
    const key = keyOfLine(line, options.keyWidth);
    const before = stored.get(key);
    if (before === undefined) {
      changed.push(row);
      continue;
    }
    stored.delete(key);
    if (before === line) continue;
    reread++;
    if (!sameRow(copyLineFields(before), row, options.comparers)) changed.push(row);
  }
  const gone = [...stored.keys()].map((key) => copyLineFields(key));
  return { rows: changed, gone, reread };
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

/** Streams a COPY's output to `onLine`, one row's line (without its newline) at a time. */
async function readLines(connection: pg.ClientBase, select: string, onLine: (line: string) => void) {
  const decoder = new StringDecoder("utf8");
  let rest = "";
  for await (const chunk of connection.query(copyTo(`COPY (${select}) TO STDOUT`))) {
    const text = rest + decoder.write(chunk as Buffer);
    let from = 0;
    for (let newline = text.indexOf("\n"); newline >= 0; newline = text.indexOf("\n", from)) {
      onLine(text.slice(from, newline));
      from = newline + 1;
    }
    rest = text.slice(from);
  }
  rest += decoder.end();
  if (rest.length > 0) throw new Error("a COPY ended inside a row");
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
