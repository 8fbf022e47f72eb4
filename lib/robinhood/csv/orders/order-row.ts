import { z } from "zod";
import { isDate } from "@/lib/pnl/dates";
import { mapHeader, type ParsedRow, parseRecord } from "../columns";
import { csvField, parseDecimalField } from "../fields";
import type { CsvRecord } from "../read-records";

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

export type OrderRow = ParsedRow<OrderFields>;

export function mapOrderHeader(header: readonly string[]): Map<string, number> | string[] {
  return mapHeader(header, ORDER_COLUMNS);
}

export function parseOrderRow(record: CsvRecord, columns: Map<string, number>) {
  return parseRecord({ record, columns, names: ORDER_COLUMNS, schema: orderRowSchema });
}

export function orderKeyValues(fields: OrderFields): string[] {
  return ORDER_COLUMNS.map((name) => String(fields[name]));
}
