import "server-only";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { connectionsOfBackend } from "./pool-connections";
import type { UserTransaction } from "./with-user-transaction";

/** One row's values in column order, as PostgreSQL's text input of each column's type; null is NULL. */
export type CopyRow = readonly (string | null)[];

const connectionOfTransaction = new WeakMap<UserTransaction, pg.PoolClient>();

/**
 * The node-postgres connection a Prisma interactive transaction runs on: the tracked connection
 * whose backend process answers the transaction's `pg_backend_pid()`. A statement sent on it runs
 * inside the transaction, under its row-level-security context and locks.
 */
export async function transactionConnection(tx: UserTransaction): Promise<pg.PoolClient> {
  const known = connectionOfTransaction.get(tx);
  if (known) return known;
  const [row] = await tx.$queryRaw<{ backend: number }[]>`SELECT pg_backend_pid() AS backend`;
  const candidates = row ? connectionsOfBackend(row.backend) : [];
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
function copyText(value: string | null): string {
  if (value === null) return "\\N";
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (char) =>
    char === "\\" ? "\\\\" : char === "\t" ? "\\t" : char === "\n" ? "\\n" : "\\r",
  );
}

// Rows are sent in chunks of about this many characters.
const CHUNK_CHARS = 256 * 1024;

function* copyChunks(rows: Iterable<CopyRow>): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    let line = "";
    for (let index = 0; index < row.length; index++) {
      if (index > 0) line += "\t";
      line += copyText(row[index] ?? null);
    }
    chunk += `${line}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk.length > 0) yield chunk;
}

/**
 * Writes rows through `COPY … FROM STDIN` on the transaction's own connection: one stream for any
 * number of rows, parsed by the server at COPY speed. PostgreSQL refuses COPY FROM into a table
 * under row-level security, so the rows land in a temporary table of the same columns (dropped at
 * commit) and one `INSERT … SELECT` moves them, checked by the table's policies like any insert.
 * Values are text in each column's input syntax (decimals as exact text, dates as `YYYY-MM-DD`,
 * timestamps with their zone). Returns the number of rows written.
 */
export async function copyRows(
  tx: UserTransaction,
  table: string,
  columns: readonly string[],
  rows: readonly CopyRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const staged = await stageRows(tx, table, columns, rows);
  const list = columns.join(", ");
  const inserted = await staged.connection.query(
    `INSERT INTO ${table} (${list}) SELECT ${list} FROM ${staged.name}`,
  );
  return inserted.rowCount ?? 0;
}

/**
 * COPYs rows into `pg_temp.staged_<table>`, a temporary table with the table's columns and types
 * that lives until the transaction ends, for set-based statements to read. Returns its name and the
 * connection to run them on.
 */
export async function stageRows(
  tx: UserTransaction,
  table: string,
  columns: readonly string[],
  rows: readonly CopyRow[],
): Promise<{ name: string; connection: pg.PoolClient }> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name: ${table}`);
  for (const column of columns) if (!/^[a-z_0-9]+$/.test(column)) throw new Error(`bad column: ${column}`);
  const connection = await transactionConnection(tx);
  const name = `pg_temp.staged_${table}`;
  await connection.query(
    `DROP TABLE IF EXISTS ${name}; CREATE TEMP TABLE staged_${table} ON COMMIT DROP AS SELECT ${columns.join(", ")} FROM ${table} WITH NO DATA`,
  );
  const stream = connection.query(copyFrom(`COPY ${name} (${columns.join(", ")}) FROM STDIN`));
  await pipeline(Readable.from(copyChunks(rows)), stream);
  return { name, connection };
}

/** A `text[]` value in PostgreSQL's array input syntax, every element quoted. */
export function textArrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`).join(",")}}`;
}

/** A midnight-UTC timestamp of a trading day, with its zone so the session's zone cannot shift it. */
export function dayTimestamp(isoDay: string): string {
  return `${isoDay} 00:00:00+00`;
}
