import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { binaryCopyChunks, binaryEncodersOf, type ColumnType } from "./copy-binary-rows";
import { connectionsOfBackend } from "./pool-connections";
import type { UserTransaction } from "./with-user-transaction";

/** One row's values in column order, as PostgreSQL's text input of each column's type; null is NULL. */
export type CopyRow = readonly (string | null)[];

const connectionOfTransaction = new WeakMap<UserTransaction, pg.PoolClient>();
const backendOfTransaction = new WeakMap<object, number>();

/** Records the server process a transaction runs on, when a statement of it read `pg_backend_pid()`. */
export function rememberTransactionBackend(tx: object, backend: number): void {
  backendOfTransaction.set(tx, backend);
}

/**
 * The node-postgres connection a Prisma interactive transaction runs on: the tracked connection
 * whose backend process answers the transaction's `pg_backend_pid()` (asked here unless the user
 * scope's upsert already read it). A statement sent on it runs inside the transaction, under its
 * row-level-security context and locks.
 */
export async function transactionConnection(tx: UserTransaction): Promise<pg.PoolClient> {
  const known = connectionOfTransaction.get(tx);
  if (known) return known;
  const backend =
    backendOfTransaction.get(tx) ??
    (await tx.$queryRaw<{ backend: number }[]>`SELECT pg_backend_pid() AS backend`)[0]?.backend;
  const candidates = backend === undefined ? [] : connectionsOfBackend(backend);
  if (candidates.length !== 1) {
    throw new Error(
      "COPY needs the transaction's connection: open the Prisma client with createPrismaClient, whose pool is tracked",
    );
  }
  const connection = candidates[0] as pg.PoolClient;
  connectionOfTransaction.set(tx, connection);
  return connection;
}

// COPY's text format: tab between columns, newline after each row, backslash escapes, \N for NULL.
const NEEDS_ESCAPE = /[\\\t\n\r]/;
/** A value as a field of COPY text. */
export function copyText(value: string | null): string {
  if (value === null) return "\\N";
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (char) =>
    char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r",
  );
}

// Rows are sent in chunks of about this many characters.
const CHUNK_CHARS = 256 * 1024;

/** A row as one line of COPY text, without its newline. */
function copyLine(row: CopyRow): string {
  let line = "";
  for (let index = 0; index < row.length; index++) {
    if (index > 0) line += "\t";
    line += copyText(row[index] ?? null);
  }
  return line;
}

function* copyChunks(rows: Iterable<CopyRow>): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += `${copyLine(row)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Rows for one table: its name, the columns the rows give (in order), the rows, and the columns
 * that identify a row within one user's rows (default `id`).
 */
export type TableRows = {
  table: string;
  columns: readonly string[];
  rows: readonly CopyRow[];
  key?: readonly string[];
};

/** The non-empty tables with their safe names and their staging table's name (without `pg_temp.`). */
function stagedTablesOf(tables: readonly TableRows[]) {
  return tables
    .filter((table) => table.rows.length > 0)
    .map((table) => {
      const columns = table.columns.map(safeName);
      return {
        ...table,
        table: safeName(table.table),
        columns,
        name: `staged_${table.table}_${shapeHash(columns)}`,
      };
    });
}

/** Creates what this connection lacks, and empties what an earlier statement of the transaction staged. */
function stagingSetup(staged: ReturnType<typeof stagedTablesOf>): string[] {
  return [
    "SET LOCAL client_min_messages = warning",
    ...staged.flatMap(({ table, columns, name }) => [
      `CREATE TEMP TABLE IF NOT EXISTS ${name} ON COMMIT DELETE ROWS AS SELECT ${columns.join(", ")} FROM ${table} WITH NO DATA`,
      `DELETE FROM pg_temp.${name}`,
    ]),
  ];
}

/**
 * COPYs each non-empty table's rows into its staging table, `pg_temp.staged_<table>_<columns hash>`:
 * created once per connection with the table's column types, emptied at every commit, so a
 * recompute costs no catalog writes. Returns the staged tables, and the rows of `ask` (one SQL
 * query, sent with the set-up so it costs no round trip of its own) when given.
 */
export async function stageTables(
  connection: pg.PoolClient,
  tables: readonly TableRows[],
  ask?: string,
): Promise<{ staged: StagedTable[]; answer: Record<string, unknown>[] }> {
  const staged = stagedTablesOf(tables);
  const types = staged.length > 0 ? [stagedColumnTypesQuery(staged)] : [];
  const setup = [...(staged.length > 0 ? stagingSetup(staged) : []), ...types, ...(ask ? [ask] : [])];
  // One round trip for the set-up of every table.
  const answered = setup.length > 0 ? await connection.query(setup.join(";\n")) : [];
  const results = Array.isArray(answered) ? answered : [answered];
  const answer: Record<string, unknown>[] = ask ? (results.at(-1)?.rows ?? []) : [];
  const columnTypes = stagedColumnTypesOf(results.at(ask ? -2 : -1)?.rows ?? []);
  for (const { columns, rows, name } of staged) {
    const list = columns.join(", ");
    // In binary where every column's type has an encoder: the server then reads no text. The rows
    // from the first one spelled otherwise than the encoders read go as text.
    const ofTable = columnTypes.get(name);
    const encoders = ofTable
      ? binaryEncodersOf(columns.map((column) => ofTable.get(column) ?? { type: 0, kind: "" }))
      : null;
    let textFrom = 0;
    if (encoders) {
      const progress = { rows: 0 };
      const stream = connection.query(
        copyFrom(`COPY pg_temp.${name} (${list}) FROM STDIN WITH (FORMAT binary)`),
      );
      await pipeline(Readable.from(binaryCopyChunks(rows, encoders, progress)), stream);
      textFrom = progress.rows;
    }
    if (textFrom < rows.length) {
      const stream = connection.query(copyFrom(`COPY pg_temp.${name} (${list}) FROM STDIN`));
      await pipeline(Readable.from(copyChunks(textFrom === 0 ? rows : rows.slice(textFrom))), stream);
    }
  }
  return { staged: staged.map((table) => ({ ...table, name: `pg_temp.${table.name}` })), answer };
}

/**
 * The staging tables' column types (OID and `typtype`), for their rows to be written in binary
 * (`binaryCopyChunks`): asked in the set-up's round trip, after the tables are made.
 */
function stagedColumnTypesQuery(staged: ReturnType<typeof stagedTablesOf>): string {
  const relations = staged.map(({ name }) => `'pg_temp.${name}'::regclass`).join(", ");
  return `SELECT c.relname AS table, a.attname AS column, a.atttypid::int AS type, t.typtype AS kind
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
   WHERE a.attrelid IN (${relations}) AND a.attnum > 0 AND NOT a.attisdropped`;
}

function stagedColumnTypesOf(rows: readonly Record<string, unknown>[]): Map<string, Map<string, ColumnType>> {
  return byTableAndColumn(rows, (row) => ({ type: Number(row.type), kind: String(row.kind) }));
}

/** The rows of a catalog query (each with its `table` and `column`) by table, then by column. */
export function byTableAndColumn<Value>(
  rows: readonly Record<string, unknown>[],
  read: (row: Record<string, unknown>) => Value,
): Map<string, Map<string, Value>> {
  const byTable = new Map<string, Map<string, Value>>();
  for (const row of rows) {
    const table = String(row.table);
    let columns = byTable.get(table);
    if (columns === undefined) {
      columns = new Map();
      byTable.set(table, columns);
    }
    columns.set(String(row.column), read(row));
  }
  return byTable;
}

/** A table whose rows were staged: its safe name and columns, and its staging table's qualified name. */
export type StagedTable = ReturnType<typeof stagedTablesOf>[number];

/**
 * The statements that stage a few rows without a round trip of their own: the staging set-up, then
 * one multi-row INSERT per table with every value a quoted literal in its column's text input
 * syntax (what COPY would parse). For the handful of rows an incremental recompute writes, sent in
 * the same query as the merge; `stageTables` stays the path for many rows.
 */
export function stagingStatements(tables: readonly TableRows[]) {
  const staged = stagedTablesOf(tables);
  const statements =
    staged.length === 0
      ? []
      : [
          "SET LOCAL standard_conforming_strings = on",
          ...stagingSetup(staged),
          ...staged.map(
            ({ columns, rows, name }) =>
              `INSERT INTO pg_temp.${name} (${columns.join(", ")}) VALUES ${rows
                .map((row) => `(${columns.map((_, index) => sqlLiteral(row[index] ?? null)).join(", ")})`)
                .join(", ")}`,
          ),
        ];
  return { statements, staged: staged.map((table) => ({ ...table, name: `pg_temp.${table.name}` })) };
}

/** A value as an SQL literal (standard conforming strings: only the quote is doubled), or NULL. */
export function sqlLiteral(value: string | null): string {
  if (value === null) return "NULL";
  if (value.includes("\0")) throw new Error("a NUL character cannot be stored");
  return `'${value.replaceAll("'", "''")}'`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function safeName(name: string): string {
  if (!/^[a-z_][a-z_0-9]*$/.test(name)) throw new Error(`bad table or column name: ${name}`);
  return name;
}

// A staging table's name carries its column list, so a connection that outlived a schema change
// never COPYs into a staging table of an older shape.
function shapeHash(columns: readonly string[]): string {
  let hash = 0x811c9dc5;
  for (const char of columns.join(",")) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * A `text[]` value in PostgreSQL's array syntax, spelled as PostgreSQL prints it: an element is
 * quoted only when it must be (empty, `NULL` in any case, or holding a quote, a backslash, a brace,
 * a comma or white space), so a stored array reads back as the same text.
 */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map(arrayElement).join(",")}}`;
}

function arrayElement(value: string): string {
  if (value !== "" && !/^null$/i.test(value) && !/["\\{},\s]/.test(value)) return value;
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`;
}

/** A midnight-UTC timestamp of a trading day, with its zone so the session's zone cannot shift it. */
export function dayTimestamp(isoDay: string): string {
  return `${isoDay} 00:00:00+00`;
}
