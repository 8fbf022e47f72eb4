import { z } from "zod";
import { isDate } from "@/lib/pnl/dates";
import { csvField, parseDecimalField } from "../fields";
import type { CsvRecord } from "../read-records";
import type { CsvRowError } from "../types";

/** The 13 columns robin_stocks' `export_completed_option_orders` writes (robinhood-csv.md §5). */
export const ORDER_COLUMNS = [
  "chain_symbol",
  "expiration_date",
  "strike_price",
  "option_type",
  "side",
  "order_created_at",
  "direction",
  "order_quantity",
  "order_type",
  "opening_strategy",
  "closing_strategy",
  "price",
  "processed_quantity",
] as const;

const decimal = csvField(parseDecimalField);

const orderRowSchema = z.object({
  chain_symbol: z.string().trim().min(1, "empty symbol"),
  expiration_date: z
    .string()
    .trim()
    .refine((text) => isDate(text), "not a YYYY-MM-DD date"),
  strike_price: decimal,
  option_type: z.enum(["call", "put"]),
  side: z.enum(["buy", "sell"]),
  order_created_at: z.iso.datetime({ offset: true }),
  direction: z.enum(["debit", "credit"]),
  order_quantity: decimal,
  order_type: z.string().trim(),
  opening_strategy: z.string().trim(),
  closing_strategy: z.string().trim(),
  price: decimal,
  processed_quantity: decimal,
});

export type OrderFields = z.output<typeof orderRowSchema>;

export interface OrderRow {
  row: number;
  line: number;
  fields: OrderFields;
}

export function mapOrderHeader(header: readonly string[]): Map<string, number> | string[] {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    positions.set(name.trim(), index);
  });
  const missing = ORDER_COLUMNS.filter((name) => !positions.has(name));
  return missing.length > 0 ? missing : positions;
}

export function parseOrderRow(
  record: CsvRecord,
  columns: Map<string, number>,
): { row: OrderRow } | { errors: CsvRowError[] } {
  const raw: Record<string, string> = {};
  for (const name of ORDER_COLUMNS) raw[name] = record.fields[columns.get(name) ?? -1] ?? "";
  const parsed = orderRowSchema.safeParse(raw);
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

export function orderKeyValues(fields: OrderFields): string[] {
  return ORDER_COLUMNS.map((name) => String(fields[name]));
}
