import "server-only";
import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { copyOut } from "./copy-out";
import { byTableAndColumn, safeName, type TableRows, UUID } from "./copy-rows";
import { type LineChanges, StoredLinesComparison } from "./stored-lines-comparison";
import { TYPE_OID } from "./stored-row-texts";

/**
 * Comparing every row of a user's tables with the stored ones on this side, by lines of COPY text.
 *
 * A full recompute over stored rows gives a hundred thousand rows of which most did not change.
 * Staging them all and comparing in SQL made the server parse, store and join every row; reading
 * the stored rows through the driver made a string of every value. Here each table's stored rows
 * come by `COPY (SELECT …) TO STDOUT`, one line of text per row, each column printed in the spelling
 * a given row uses (`storedExpression`), so an unchanged row's text is the given row's line
 * (`canonicalLine`), compared where it lies in the text read (`StoredLinesComparison`, in
 * stored-lines-comparison.ts). Only a line that differs is read value
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
  return byTableAndColumn(rows, (row) => Number(row.type));
}

/**
 * A stored column as the given rows spell it: a decimal without the zeros that pad the column's
 * scale (`trim_scale`; the given side drops them too, `canonicalLine`); any other type as PostgreSQL
 * prints it, `READ_AS_GIVEN` having set the style first: a day as `YYYY-MM-DD`, a timestamp in UTC as
 * `dayTimestamp` writes it (`2024-06-03 00:00:00+00`, its fraction printed when it has one).
 * Each is cheap to print: formatting by `to_char` cost twice the plain read of the lots, and
 * `(t AT TIME ZONE 'UTC')::text || '+00'`, which spells a timestamp the same, 15 ms more of the
 * server's 181 ms for 72,329 lots than the column printed as it is.
 */
export function storedExpression(column: string, type: number): string {
  const name = `t.${safeName(column)}`;
  return type === TYPE_OID.numeric ? `trim_scale(${name})` : name;
}

/**
 * Sent before the reads, one statement: days and timestamps printed in ISO 8601, timestamps in UTC,
 * whatever the session's style and zone, for the rest of the transaction (what follows the reads
 * writes timestamps with their zone, so their meaning does not depend on it).
 */
export const READ_AS_GIVEN =
  "SELECT set_config('DateStyle', 'ISO, MDY', true), set_config('TimeZone', 'UTC', true)";

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

/** How many columns the table's key takes, checked to be the leading ones. */
function leadingKeyWidth(table: TableRows): number {
  const key = table.key ?? ["id"];
  key.forEach((column, index) => {
    if (table.columns[index] !== column)
      throw new Error(`${table.table}: its key columns must lead its columns to be compared by lines`);
  });
  return key.length;
}
