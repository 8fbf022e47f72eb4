import "server-only";
import { Debug } from "@prisma/driver-adapter-utils";
import type { SqlRunner } from "./sql-runner";

/** The SQL type a column's text is cast to: a base type, or a quoted enum type name. */
export type SqlCast =
  | "uuid"
  | "text"
  | "numeric"
  | "integer"
  | "date"
  | "timestamptz"
  | "jsonb"
  | "text[]"
  | `"${string}"`;

type Value = string | number | Date | { toString(): string } | readonly string[] | null | undefined;

/**
 * The type of the column of every field of a row (the column is the field's name in snake_case). It
 * may name more columns than the rows have: the rows' own fields say which columns are written.
 */
export type ColumnCasts<Row> = { [Field in keyof Row & string]: SqlCast };

// Columns travel as one text array each; this many rows make one statement.
const ROWS_PER_STATEMENT = 10_000;

// Prisma's debug module keeps the arguments of its last 100 calls, logging on or off, for its crash
// reports; the driver adapter logs every statement with its parameters, so the text arrays of the
// last dozen import batches (8 MB in a 20 MB import, more with a big heap's lazy collection) stayed
// alive. Pushing this many empty entries after a bulk statement drops them from that history (not
// while someone debugs with DEBUG=…, when they would be printed).
const DEBUG_HISTORY_LENGTH = 100;
const DEBUG_NAMESPACE = "rollbook:insert-rows";
const forgetArguments = Debug(DEBUG_NAMESPACE);

/**
 * Inserts many rows with one statement per ten thousand: each column is sent as one text array and
 * `unnest` turns the arrays back into rows, each value cast to its column's type (decimals as exact
 * text, never floats). Prisma's `createMany` binds every value as its own parameter, which made
 * recompute and import spend seconds per few thousand rows; this takes a tenth of that. Returns how
 * many rows were inserted (fewer than given with `onConflictDoNothing`).
 */
export async function insertRows<Row extends object>(
  tx: SqlRunner,
  table: string,
  rows: readonly Row[],
  casts: ColumnCasts<Row>,
  options: { onConflictDoNothing?: boolean } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name: ${table}`);
  // Every row of one call is built by one expression, so the first row's fields are everyone's.
  const fields = Object.keys(rows[0] as Row) as (keyof Row & string)[];
  for (const field of fields) {
    if (!(field in casts)) throw new Error(`no column type for ${table}.${field}`);
  }
  const columns = fields.map(snakeCase);
  const selected = fields.map((field, index) => castOf(`c${index}`, casts[field]));
  const sql = `INSERT INTO ${table} (${columns.join(", ")})
    SELECT ${selected.join(", ")}
    FROM unnest(${fields.map((_, index) => `$${index + 1}::text[]`).join(", ")})
      AS t(${fields.map((_, index) => `c${index}`).join(", ")})${options.onConflictDoNothing ? "\n    ON CONFLICT DO NOTHING" : ""}`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
    const arrays = fields.map((field) => chunk.map((row) => toText(row[field] as Value, casts[field])));
    inserted += await tx.$executeRawUnsafe(sql, ...arrays);
  }
  if (!Debug.enabled(DEBUG_NAMESPACE)) {
    for (let entry = 0; entry < DEBUG_HISTORY_LENGTH; entry++) forgetArguments("");
  }
  return inserted;
}

function snakeCase(field: string): string {
  const column = field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  if (!/^[a-z_0-9]+$/.test(column)) throw new Error(`bad column name: ${field}`);
  return column;
}

function castOf(name: string, cast: SqlCast): string {
  if (cast === "text[]") return `ARRAY(SELECT jsonb_array_elements_text(${name}::jsonb))`;
  return `${name}::${cast}`;
}

function toText(value: Value, cast: SqlCast): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return cast === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
  if (cast === "text[]" || cast === "jsonb") return JSON.stringify(value);
  return String(value);
}
