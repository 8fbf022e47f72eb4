import { divideIntegers, formatMinorUnits } from "@/lib/money";
import type { SimStockOrder } from "../history/types";
import { newYorkDay } from "../market/calendar";
import { isoMicros, isoMillisPadded } from "../market/timestamps";
import { isoDay, price8, shareQuantity, stockSettlementDay } from "./format";
import type { ApiUrls } from "./urls";

const WORKING = new Set(["confirmed", "queued"]);
const USD_CURRENCY_ID = "1072fc76-1862-41ab-82c2-485837590762";

function money(cents: number) {
  return { amount: formatMinorUnits(cents, 2, 2), currency_code: "USD", currency_id: USD_CURRENCY_ID };
}

/**
 * One equity order in the shape of robinhood-api.md §4: `cancel` (not `cancel_url`), quantities with
 * 8 places, `fees` as the order's total, and every fill in `executions` with its own price, quantity,
 * settlement date and timestamp.
 */
export function stockOrderJson(order: SimStockOrder, urls: ApiUrls) {
  const filledShares = order.executions.reduce((sum, e) => sum + e.shares, 0);
  const notionalCents = order.executions.reduce((sum, e) => sum + e.priceCents * e.shares, 0);
  const feeCents = order.executions.reduce((sum, e) => sum + e.feeCents, 0);
  const working = WORKING.has(order.state);
  const last = order.executions.at(-1);
  // Average fill price per share in 1e-8 dollars (cents × 1e6), rounded once.
  const average =
    filledShares > 0 ? divideIntegers(notionalCents * 1_000_000, filledShares, "half-away-from-zero") : null;
  return {
    account: urls.account(order.accountNumber),
    average_price: average === null ? null : formatMinorUnits(average, 8, 8),
    cancel: working ? `${urls.stockOrder(order.id)}cancel/` : null,
    created_at: isoMicros(order.createdAtUs),
    cumulative_quantity: shareQuantity(filledShares),
    derived_state: order.state,
    dollar_based_amount: null,
    executed_notional: filledShares > 0 ? money(notionalCents) : null,
    executions: order.executions.map((execution) => {
      const day = newYorkDay(execution.timestampUs / 1000);
      return {
        id: execution.id,
        price: price8(execution.priceCents),
        quantity: shareQuantity(execution.shares),
        rounded_notional: formatMinorUnits(execution.priceCents * execution.shares, 2, 2),
        settlement_date: isoDay(stockSettlementDay(day)),
        timestamp: isoMillisPadded(execution.timestampUs),
        trade_execution_date: isoDay(day),
      };
    }),
    extended_hours: false,
    fees: formatMinorUnits(feeCents, 2, 2),
    id: order.id,
    instrument: urls.equityInstrument(order.instrumentId),
    instrument_id: order.instrumentId,
    last_transaction_at: isoMicros(last ? last.timestampUs : order.updatedAtUs),
    market_hours: "regular_hours",
    override_day_trade_checks: false,
    override_dtbp_checks: false,
    placed_agent: "user",
    position: urls.stockPosition(order.accountNumber, order.instrumentId),
    price: price8(order.priceCents),
    quantity: shareQuantity(order.shares),
    ref_id: order.refId,
    reject_reason: null,
    response_category: null,
    side: order.side,
    state: order.state,
    stop_price: null,
    symbol: order.symbol,
    time_in_force: order.timeInForce,
    total_notional: money(order.priceCents * order.shares),
    trigger: "immediate",
    type: order.type,
    updated_at: isoMicros(order.updatedAtUs),
    url: urls.stockOrder(order.id),
  };
}
