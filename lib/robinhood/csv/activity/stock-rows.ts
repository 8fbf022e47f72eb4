import { formatMoney, type Micro, mulRounded, negate, parseDecimal, sub } from "@/lib/money";
import { type PnlStockTrade, stockTradeGross } from "@/lib/pnl";
import type { ImportContext } from "../import-context";
import type { ImportedRow } from "../types";
import type { ActivityRow } from "./activity-row";
import { dayInstant } from "./trade-rows";

/** Share-moving codes with no cash: shares received (reward stock, a stock dividend). */
export const SHARES_RECEIVED_CODES = new Set(["REC", "SDIV"]);

// Price and Amount are both rounded to cents (robinhood-csv.md §1.5), so Price × Quantity may miss
// Amount by up to half a cent per share plus half a cent; a larger gap in the cash's favour cannot
// be rounding.
const HALF_CENT: Micro = 5_000;

/**
 * A `Buy` / `Sell` row that is not the stock side of an option event → one stock trade. Cash is
 * booked from Amount (net of fees, exact): the fee is what Amount adds to (a buy) or takes from (a
 * sale) Price × Quantity, computed against the engine's own rounded gross, so the trade's cash is
 * the Amount to the micro. A slightly negative fee is Price's cent rounding, not a rebate.
 */
export function importStockTrade(context: ImportContext, row: ActivityRow, imported: ImportedRow): void {
  const { fields } = row;
  const code = fields["Trans Code"];
  if (fields.Instrument === "") {
    context.error(row, "Instrument", `a ${code} row needs the ticker it trades`, imported);
    return;
  }
  if (fields.Quantity === null || fields.Quantity.reduces) {
    context.error(row, "Quantity", `${code} needs a share count without the S suffix`, imported);
    return;
  }
  if (fields.Price === null) {
    context.error(row, "Price", `${code} needs a price`, imported);
    return;
  }
  if (fields.Amount === null) {
    context.error(row, "Amount", `${code} needs an amount`, imported);
    return;
  }
  const buy = code === "Buy";
  const amount = parseDecimal(fields.Amount);
  if ((buy && amount > 0) || (!buy && amount < 0)) {
    const expected = buy ? "negative (cash out)" : "positive (cash in)";
    context.error(row, "Amount", `a ${code} amount should be ${expected}: ${fields.Amount}`, imported);
    return;
  }
  const shares = parseDecimal(fields.Quantity.value);
  const gross = stockTradeGross(parseDecimal(fields.Price), shares);
  // sale: Amount = gross − fees; purchase: Amount = −(gross + fees).
  const fees: Micro = buy ? sub(negate(amount), gross) : sub(gross, amount);
  if (fees < 0 && -fees > mulRounded(shares, HALF_CENT, "truncate") + HALF_CENT) {
    context.warn(
      row.row,
      `Amount is ${formatMoney(-fees)} better than Price × Quantity, more than Price's rounding explains; booked the exact Amount`,
    );
  }
  push(context, imported, {
    symbol: fields.Instrument,
    side: buy ? "buy" : "sell",
    quantity: fields.Quantity.value,
    price: fields.Price,
    fees: formatMoney(fees),
    date: fields["Activity Date"],
  });
}

/**
 * `REC` / `SDIV` → shares bought at 0: they arrived without cash, so they cost nothing and a later
 * sale realizes their whole price. Without them, selling reward or dividend shares would look like
 * a short sale.
 */
export function importSharesReceived(context: ImportContext, row: ActivityRow, imported: ImportedRow): void {
  const { fields } = row;
  const code = fields["Trans Code"];
  if (fields.Instrument === "") {
    context.error(row, "Instrument", `a ${code} row needs the ticker it delivers`, imported);
    return;
  }
  if (fields.Quantity === null || fields.Quantity.reduces) {
    context.error(row, "Quantity", `${code} needs a share count without the S suffix`, imported);
    return;
  }
  if (fields.Amount !== null && parseDecimal(fields.Amount) !== 0) {
    context.warn(row.row, `${code} carries an amount (${fields.Amount}); the shares were booked at no cost`);
  }
  push(context, imported, {
    symbol: fields.Instrument,
    side: "buy",
    quantity: fields.Quantity.value,
    price: "0",
    fees: "0",
    date: fields["Activity Date"],
  });
}

interface TradeParts {
  symbol: string;
  side: "buy" | "sell";
  quantity: string;
  price: string;
  fees: string;
  date: string;
}

function push(context: ImportContext, imported: ImportedRow, parts: TradeParts): void {
  const id = `rh:${imported.key}`;
  const trade: PnlStockTrade = {
    id,
    accountId: context.accountId,
    orderId: null,
    symbol: parts.symbol,
    side: parts.side,
    quantity: parts.quantity,
    price: parts.price,
    fees: parts.fees,
    executedAt: dayInstant(parts.date),
    tradeDate: parts.date,
  };
  context.stockTrades.push(trade);
  context.use(imported, "stock-trade", id);
}
