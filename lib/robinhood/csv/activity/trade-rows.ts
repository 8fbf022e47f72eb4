import { formatMoney, type Micro, mul, negate, parseDecimal, sub } from "@/lib/money";
import type { OptionContract, PnlExecution } from "@/lib/pnl";
import { type OptionDescription, parseOptionDescription } from "../fields";
import type { ImportContext } from "../import-context";
import type { ImportedRow } from "../types";
import type { ActivityRow } from "./activity-row";

export const TRADE_CODES = new Set(["BTO", "STO", "BTC", "STC"]);

/**
 * The report has dates only. Every fill of a day gets this same instant, so the engine orders a
 * day's fills by its same-instant rule; 12:00 UTC keeps the calendar date in any time zone.
 */
export function dayInstant(date: string): string {
  return `${date}T12:00:00.000Z`;
}

export function contractOf(description: OptionDescription, multiplier: string): OptionContract {
  return {
    underlying: description.root,
    expiration: description.expiration,
    strike: description.strike,
    optionType: description.optionType,
    multiplier,
  };
}

// Observed fees are cents per contract; more than a dollar per contract off means the Amount does
// not fit Price × Quantity × multiplier, most likely because the multiplier is not the default.
const FEE_SANITY_PER_CONTRACT: Micro = 1_000_000;

/**
 * BTO / STO / BTC / STC → one execution. Cash is booked from Amount (net of fees, exact); Price is
 * rounded to cents, so the fee is derived as the difference between Price × Quantity × multiplier
 * and Amount rather than trusted from anywhere else.
 */
export function importTrade(context: ImportContext, row: ActivityRow, imported: ImportedRow): void {
  const { fields } = row;
  const code = fields["Trans Code"];
  const description = parseOptionDescription(fields.Description);
  if (!description.ok) {
    context.error(row, "Description", description.reason, imported);
    return;
  }
  if (fields.Quantity === null) {
    context.error(row, "Quantity", `${code} needs a quantity`, imported);
    return;
  }
  if (fields.Quantity.reduces) {
    context.error(row, "Quantity", `${code} rows never carry the S suffix`, imported);
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
  const buy = code === "BTO" || code === "BTC";
  const amount = parseDecimal(fields.Amount);
  if ((buy && amount > 0) || (!buy && amount < 0)) {
    const expected = buy ? "negative (cash out)" : "positive (cash in)";
    context.error(row, "Amount", `a ${code} amount should be ${expected}: ${fields.Amount}`, imported);
    return;
  }
  const quantity = parseDecimal(fields.Quantity.value);
  const gross = mul(parseDecimal(fields.Price), mul(quantity, context.multiplierMicro));
  // sell: Amount = gross − fees; buy: Amount = −(gross + fees).
  const fees: Micro = buy ? sub(negate(amount), gross) : sub(gross, amount);
  if (fees < 0) {
    context.warn(
      row.row,
      `Amount is ${formatMoney(-fees)} better than Price × Quantity (Price is rounded); booked the exact Amount`,
    );
  } else if (fees > mul(quantity, FEE_SANITY_PER_CONTRACT)) {
    context.warn(
      row.row,
      `Amount differs from Price × Quantity × ${context.multiplier} by ${formatMoney(fees)}; check the contract multiplier`,
    );
  }
  const id = `rh:${imported.key}`;
  const execution: PnlExecution = {
    id,
    accountId: context.accountId,
    orderId: null,
    legId: null,
    contract: contractOf(description.value, context.multiplier),
    side: buy ? "buy" : "sell",
    positionEffect: code === "BTO" || code === "STO" ? "open" : "close",
    quantity: fields.Quantity.value,
    price: fields.Price,
    fees: formatMoney(fees),
    executedAt: dayInstant(fields["Activity Date"]),
    tradeDate: fields["Activity Date"],
  };
  context.addExecution(execution);
  context.use(imported, "execution", id);
}
