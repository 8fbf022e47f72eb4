import { z } from "zod";
import { csvField, type FieldResult, parseMoney, parseQuantity, parseUsDate } from "../fields";
import type { CsvRecord } from "../read-records";
import type { CsvRowError } from "../types";

/** Columns the importer needs, by header text; any other column is ignored (see robinhood-csv.md §7). */
export const ACTIVITY_COLUMNS = [
  "Activity Date",
  "Instrument",
  "Description",
  "Trans Code",
  "Quantity",
  "Price",
  "Amount",
] as const;
const OPTIONAL_COLUMNS = ["Process Date", "Settle Date"] as const;

const optionalDate = (text: string): FieldResult<string | null> =>
  text.trim() === "" ? { ok: true, value: null } : parseUsDate(text);

const activityRowSchema = z.object({
  "Activity Date": csvField(parseUsDate),
  "Process Date": csvField(optionalDate),
  "Settle Date": csvField(optionalDate),
  Instrument: z.string().transform((text) => text.trim()),
  Description: z.string(),
  "Trans Code": z.string().transform((text) => text.trim()),
  Quantity: csvField(parseQuantity),
  Price: csvField(parseMoney),
  Amount: csvField(parseMoney),
});

export type ActivityFields = z.output<typeof activityRowSchema>;

export interface ActivityRow {
  row: number;
  line: number;
  fields: ActivityFields;
}

/** Column positions by name, or the names that are missing. */
export function mapActivityHeader(header: readonly string[]): Map<string, number> | string[] {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    const trimmed = name.trim();
    if (!positions.has(trimmed)) positions.set(trimmed, index);
  });
  const missing = ACTIVITY_COLUMNS.filter((name) => !positions.has(name));
  return missing.length > 0 ? missing : positions;
}

export function parseActivityRow(
  record: CsvRecord,
  columns: Map<string, number>,
): { row: ActivityRow } | { errors: CsvRowError[] } {
  const raw: Record<string, string> = {};
  for (const name of [...ACTIVITY_COLUMNS, ...OPTIONAL_COLUMNS]) {
    const position = columns.get(name);
    raw[name] = position === undefined ? "" : (record.fields[position] ?? "");
  }
  const parsed = activityRowSchema.safeParse(raw);
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

/** The normalised values a row's natural key is hashed from. */
export function activityKeyValues(fields: ActivityFields): (string | null)[] {
  const quantity =
    fields.Quantity === null ? null : `${fields.Quantity.value}${fields.Quantity.reduces ? "S" : ""}`;
  return [
    fields["Activity Date"],
    fields["Process Date"],
    fields["Settle Date"],
    fields.Instrument,
    fields.Description,
    fields["Trans Code"],
    quantity,
    fields.Price,
    fields.Amount,
  ];
}
