import { z } from "zod";
import { formatDecimal, MICRO_DIGITS, tryParseDecimal } from "@/lib/money";
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

const PRICE = /^(\d+)(?:\.(\d+))?$/;

/**
 * The API's average price has 8 decimals ("130.66000000"); an average over several fills can use
 * them. Anything past the sixth is rounded half-even, once, here, and reported.
 */
export function parseAveragePrice(text: string): FieldResult<RoundedPrice> {
  const trimmed = text.trim();
  const exact = tryParseDecimal(trimmed);
  if (exact !== null && exact >= 0)
    return { ok: true, value: { value: formatDecimal(exact), rounded: null } };
  const match = PRICE.exec(trimmed);
  if (!match) return { ok: false, reason: `not a price: ${JSON.stringify(text)}` };
  const fraction = match[2] ?? "";
  const kept = BigInt(`${match[1]}${fraction.slice(0, MICRO_DIGITS).padEnd(MICRO_DIGITS, "0")}`);
  const rest = fraction.slice(MICRO_DIGITS);
  const half = `5${"0".repeat(rest.length - 1)}`;
  const up = rest > half || (rest === half && kept % 2n === 1n);
  const micros = Number(kept + (up ? 1n : 0n));
  if (!Number.isSafeInteger(micros)) return { ok: false, reason: `price too large: ${JSON.stringify(text)}` };
  return { ok: true, value: { value: formatDecimal(micros), rounded: trimmed } };
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
