import { parseDecimal } from "@/lib/money";
import type { PnlStockTrade } from "@/lib/pnl";
import { ImportContext } from "../import-context";
import { newYorkDate } from "../orders/import-option-orders";
import type { CsvRecord } from "../read-records";
import type { CsvImport, CsvImportOptions } from "../types";
import { mapStockOrderHeader, parseStockOrderRow, stockOrderKeyValues } from "./stock-order-row";

/**
 * robin_stocks' stock-orders export → stock trades. One row per filled order (or per execution of a
 * cancelled, partly filled one): `date` is the order's last transaction instant, `average_price`
 * its fill price, `fees` the order's fees. The export has no order id and no account, so each row
 * is its own trade, keyed by its values. robin_stocks writes its crypto-orders export with the
 * same header; such a file reads as equities, one symbol per coin.
 */
export function importStockOrders(
  records: readonly CsvRecord[],
  headerIndex: number,
  options: CsvImportOptions = {},
): CsvImport {
  const context = new ImportContext("stock-orders", options);
  const header = records[headerIndex] as CsvRecord;
  const columns = mapStockOrderHeader(header.fields);
  if (Array.isArray(columns)) {
    context.error(header, null, `header is missing column(s): ${columns.join(", ")}`);
    return context.result();
  }
  for (const record of records.slice(headerIndex + 1)) {
    if (record.fields.every((field) => field.trim() === "")) {
      context.leaveUnused(record, { code: "blank", reason: "empty line", amount: null });
      continue;
    }
    const imported = context.addRow(record, stockOrderKeyValues(record, columns));
    const parsed = parseStockOrderRow(record, columns);
    if ("errors" in parsed) {
      for (const error of parsed.errors) context.error(record, error.column, error.reason, imported);
      continue;
    }
    const { fields } = parsed.row;
    if (parseDecimal(fields.quantity) <= 0) {
      context.leaveUnused(record, { code: "unfilled", reason: "order with nothing filled", amount: null });
      continue;
    }
    if (fields.average_price.rounded !== null) {
      context.warn(
        record.row,
        `average_price ${fields.average_price.rounded} has more than 6 decimals; rounded half-even to ${fields.average_price.value}`,
      );
    }
    const id = `rh:${imported.key}`;
    const trade: PnlStockTrade = {
      id,
      accountId: context.accountId,
      orderId: null,
      symbol: fields.symbol,
      side: fields.side,
      quantity: fields.quantity,
      price: fields.average_price.value,
      fees: fields.fees,
      executedAt: fields.date,
      tradeDate: newYorkDate(fields.date),
    };
    context.stockTrades.push(trade);
    context.use(imported, "stock-trade", id);
  }
  return context.result();
}
