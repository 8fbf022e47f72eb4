import { z } from "zod";
import { decimalToMicro, formatDecimal, isPlainDecimal, MoneyError, tryParseDecimal } from "@/lib/money";
import { mapHeader, type ParsedRow, parseRecord } from "../columns";
import { csvField, type FieldResult, parseDecimalField } from "../fields";
import type { CsvRecord } from "../read-records";

/** The 7 columns robin_stocks' `export_completed_stock_orders` writes (robinhood-csv.md §5). */
export const STOCK_ORDER_COLUMNS = [
  "symbol",
  "date",
  "order_type",
  "side",
  "fees",
  "quantity",
  "average_price",
] as const;

const decimal = csvField(parseDecimalField);

export interface RoundedPrice {
  value: string;
  /** The text as written, when it had more than six decimals and was rounded. */
  rounded: string | null;
}

/**
 * The API's average price has 8 decimals ("130.66000000"); an average over several fills can use
 * them. Anything past the sixth is rounded half-even, once, here, and reported.
 */
export function parseAveragePrice(text: string): FieldResult<RoundedPrice> {
  const trimmed = text.trim();
  const exact = tryParseDecimal(trimmed);
  if (exact !== null && exact >= 0)
    return { ok: true, value: { value: formatDecimal(exact), rounded: null } };
  // Unsigned plain decimals only: a price has no sign.
  if (!isPlainDecimal(trimmed) || !/^\d/.test(trimmed)) {
    return { ok: false, reason: `not a price: ${JSON.stringify(text)}` };
  }
  try {
    const { value } = decimalToMicro(trimmed, "half-even");
    return { ok: true, value: { value: formatDecimal(value), rounded: trimmed } };
  } catch (error) {
    if (error instanceof MoneyError) return { ok: false, reason: `price too large: ${JSON.stringify(text)}` };
    throw error;
  }
}

const stockOrderRowSchema = z.object({
  symbol: z.string().trim().min(1, "empty symbol"),
  date: z.iso.datetime({ offset: true }),
  order_type: z.string().trim(),
  side: z.enum(["buy", "sell"]),
  fees: decimal,
  quantity: decimal,
  average_price: csvField(parseAveragePrice),
});

export type StockOrderFields = z.output<typeof stockOrderRowSchema>;

export type StockOrderRow = ParsedRow<StockOrderFields>;

export function mapStockOrderHeader(header: readonly string[]): Map<string, number> | string[] {
  return mapHeader(header, STOCK_ORDER_COLUMNS);
}

export function parseStockOrderRow(record: CsvRecord, columns: Map<string, number>) {
  return parseRecord({ record, columns, names: STOCK_ORDER_COLUMNS, schema: stockOrderRowSchema });
}

export function stockOrderKeyValues(record: CsvRecord, columns: Map<string, number>): string[] {
  return STOCK_ORDER_COLUMNS.map((name) => (record.fields[columns.get(name) ?? -1] ?? "").trim());
}
