import type { z } from "zod";
import type { CsvRecord } from "./read-records";
import type { CsvRowError } from "./types";

/** A data row validated by its format's zod schema. */
export interface ParsedRow<T> {
  row: number;
  line: number;
  fields: T;
}

/** Column positions by header name (first occurrence wins), or the required names that are missing. */
export function mapHeader(
  header: readonly string[],
  required: readonly string[],
): Map<string, number> | string[] {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const trimmed = name.trim();
    if (!positions.has(trimmed)) positions.set(trimmed, index);
  });
  const missing = required.filter((name) => !positions.has(name));
  return missing.length > 0 ? missing : positions;
}

export interface ParseRecordOptions<S extends z.ZodType> {
  record: CsvRecord;
  columns: Map<string, number>;
  /** The columns the schema reads; an absent optional column reads as empty. */
  names: readonly string[];
  schema: S;
}

/** Picks the named columns of a record and validates them; each zod issue names its column. */
export function parseRecord<S extends z.ZodType>({
  record,
  columns,
  names,
  schema,
}: ParseRecordOptions<S>): { row: ParsedRow<z.output<S>> } | { errors: CsvRowError[] } {
  const raw: Record<string, string> = {};
  for (const name of names) {
    const position = columns.get(name);
    raw[name] = position === undefined ? "" : (record.fields[position] ?? "");
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { row: { row: record.row, line: record.line, fields: parsed.data } };
  return {
    errors: parsed.error.issues.map((issue) => ({
      row: record.row,
      line: record.line,
      column: typeof issue.path[0] === "string" ? issue.path[0] : null,
      reason: issue.message,
    })),
  };
}
