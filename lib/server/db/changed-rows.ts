import "server-only";
import type pg from "pg";
import { safeName, type TableRows, UUID } from "./copy-rows";
import { comparerOf, sameRow } from "./stored-row-texts";

/** A table's given rows that differ from the stored ones, and the keys of stored rows not given any more. */
export type TableChanges = {
  /** The given rows that are new or changed, in their order. */
  rows: TableRows["rows"];
  /** Each stored row in scope whose key no given row has: its key columns' values, as printed. */
  gone: (string | null)[][];
};

/**
 * Compares the given rows of each table with the user's stored rows in its scope, on this side: one
 * multi-statement query reads the stored rows (the given columns, in scope), then each given row is
 * looked up by its key and compared value by value (`sameRow`). An incremental recompute replays a
 * whole underlying and gives thousands of rows of which a handful changed; comparing them here costs
 * a read of the stored rows, where comparing them in the database cost a COPY of every given row,
 * statistics for it and an anti-join per statement, each several times the read.
 *
 * Tables given no rows are left out (their whole scope is deleted, nothing to compare). Returns the
 * changes by table name.
 */
export async function changedRows(
  connection: pg.PoolClient,
  options: { userId: string; tables: readonly TableRows[]; scope: ReadonlyMap<string, string> },
): Promise<Map<string, TableChanges>> {
  const { userId, scope } = options;
  if (!UUID.test(userId)) throw new Error(`bad user id: ${userId}`);
  const tables = options.tables.filter((table) => table.rows.length > 0);
  if (tables.length === 0) return new Map();
  const reads = tables.map(({ table, columns }) => {
    const condition = scope.get(safeName(table));
    return `SELECT ${columns.map((column) => `t.${safeName(column)}`).join(", ")} FROM ${safeName(table)} t
      WHERE t.user_id = '${userId}'${condition ? ` AND (${condition})` : ""}`;
  });
  const answered = await connection.query({
    text: reads.join(";\n"),
    rowMode: "array",
    // Every value as PostgreSQL prints it; the comparers read the few types that need reading.
    types: { getTypeParser: () => asText },
  });
  const results = (Array.isArray(answered) ? answered : [answered]) as pg.QueryArrayResult<
    (string | null)[]
  >[];
  const changes = new Map<string, TableChanges>();
  tables.forEach((table, index) => {
    const result = results[index];
    if (!result) throw new Error(`no stored rows read for ${table.table}`);
    changes.set(table.table, compareWithStored(table, result));
  });
  return changes;
}

const asText = (value: string) => value;

/** What was stored: each column's type (PostgreSQL's OID) and the rows as printed, in the given columns' order. */
export type StoredRows = {
  fields: readonly { dataTypeID: number }[];
  rows: readonly (string | null)[][];
};

/**
 * The given rows of a table that are new or differ from the stored row with their key, and the keys
 * of the stored rows no given row has.
 */
export function compareWithStored(table: TableRows, stored: StoredRows): TableChanges {
  const keyColumns = (table.key ?? ["id"]).map((column) => table.columns.indexOf(column));
  if (keyColumns.some((index) => index < 0))
    throw new Error(`${table.table}: its key is not among its columns`);
  const keyOf = (row: readonly (string | null)[]) =>
    keyColumns.length === 1
      ? String(row[keyColumns[0] as number])
      : keyColumns.map((index) => row[index]).join("\u0000");
  const comparers = stored.fields.map((field) => comparerOf(field.dataTypeID));
  const storedByKey = new Map<string, (string | null)[]>();
  for (const row of stored.rows) storedByKey.set(keyOf(row), row);
  const rows: TableRows["rows"][number][] = [];
  for (const row of table.rows) {
    const key = keyOf(row);
    const before = storedByKey.get(key);
    if (before === undefined) {
      rows.push(row);
      continue;
    }
    storedByKey.delete(key);
    if (!sameRow(before, row, comparers)) rows.push(row);
  }
  const gone = [...storedByKey.values()].map((row) => keyColumns.map((index) => row[index] ?? null));
  return { rows, gone };
}
