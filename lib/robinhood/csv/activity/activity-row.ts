import { z } from "zod";
import { mapHeader, type ParsedRow, parseRecord } from "../columns";
import { csvField, type FieldResult, parseMoney, parseQuantity, parseUsDate } from "../fields";
import type { CsvRecord } from "../read-records";

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

export type ActivityRow = ParsedRow<ActivityFields>;

/** Column positions by name, or the names that are missing. */
export function mapActivityHeader(header: readonly string[]): Map<string, number> | string[] {
  return mapHeader(header, ACTIVITY_COLUMNS);
}

export function parseActivityRow(record: CsvRecord, columns: Map<string, number>) {
  return parseRecord({
    record,
    columns,
    names: [...ACTIVITY_COLUMNS, ...OPTIONAL_COLUMNS],
    schema: activityRowSchema,
  });
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
