import { parseDecimal } from "@/lib/money";
import type { PnlStockTrade } from "@/lib/pnl";
import type { FormatReader } from "../format-reader";
import type { ImportContext } from "../import-context";
import { newYorkDate } from "../orders/import-option-orders";
import type { CsvRecord } from "../read-records";
import { mapStockOrderHeader, parseStockOrderRow, stockOrderKeyValues } from "./stock-order-row";

/**
 * robin_stocks' stock-orders export → stock trades. One row per filled order (or per execution of a
 * cancelled, partly filled one): `date` is the order's last transaction instant, `average_price`
 * its fill price, `fees` the order's fees. The export has no order id and no account, so each row
 * is its own trade, keyed by its values. robin_stocks writes its crypto-orders export with the
 * same header; such a file reads as equities, one symbol per coin.
 */
export function stockOrdersReader(context: ImportContext, header: CsvRecord): FormatReader {
  const columns = mapStockOrderHeader(header.fields);
  if (Array.isArray(columns)) {
    context.error(header, null, `header is missing column(s): ${columns.join(", ")}`);
    return { add: () => {}, finish: () => {} };
  }
  const add = (record: CsvRecord) => {
    if (record.fields.every((field) => field.trim() === "")) {
      context.leaveUnused(record, { code: "blank", reason: "empty line", amount: null });
      return;
    }
    const imported = context.addRow(record, stockOrderKeyValues(record, columns));
    const parsed = parseStockOrderRow(record, columns);
    if ("errors" in parsed) {
      for (const error of parsed.errors) context.error(record, error.column, error.reason, imported);
      return;
    }
    const { fields } = parsed.row;
    if (parseDecimal(fields.quantity) <= 0) {
      context.leaveUnused(record, { code: "unfilled", reason: "order with nothing filled", amount: null });
      return;
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
  };
  // Every row is final when read: nothing waits for the end of the file.
  return { add, finish: () => {} };
}
