import { canonicalDecimal, divideIntegers, formatMinorUnits } from "@/lib/money";
import type { SimOrder } from "../history/types";
import { isoMicros, isoMillisPadded } from "../market/timestamps";
import { isoDay, optionSettlementDate, orderQuantity, price4, price8, strategyCode } from "./format";
import type { ApiUrls } from "./urls";

const WORKING = new Set(["confirmed", "queued"]);

function filledUnits(order: SimOrder): number {
  const leg = order.legs[0];
  return leg ? leg.executions.reduce((sum, e) => sum + e.quantity, 0) / leg.ratio : 0;
}

/** Signed (credit positive) premium actually traded, in cents: Σ price × 100 × quantity over legs. */
function processedPremiumCents(order: SimOrder): number {
  let total = 0;
  for (const leg of order.legs) {
    for (const execution of leg.executions) {
      total += (leg.side === "sell" ? 1 : -1) * execution.priceCents * execution.quantity * 100;
    }
  }
  return total;
}

function feesCents(order: SimOrder): number {
  return order.legs.reduce((sum, leg) => sum + leg.executions.reduce((s, e) => s + e.feeCents, 0), 0);
}

/** One options order exactly in the shape of robinhood-api.md §3.2 / §7.1. */
export function optionOrderJson(order: SimOrder, urls: ApiUrls) {
  const units = filledUnits(order);
  const signedPremium = processedPremiumCents(order);
  const premium = Math.abs(signedPremium);
  const fees = feesCents(order);
  const processedDirection = signedPremium === 0 ? order.direction : signedPremium > 0 ? "credit" : "debit";
  const netCents = processedDirection === "credit" ? premium - fees : premium + fees;
  const working = WORKING.has(order.state);
  const estimateCents = units > 0 ? netCents : working ? order.limitCents * 100 * order.quantity : 0;
  // Per spread unit × 100, in 1e-8 dollars: negative for credits.
  const averagePerUnit = units > 0 ? divideIntegers(premium * 1_000_000, units, "half-away-from-zero") : 0;
  const average = processedDirection === "credit" ? -averagePerUnit : averagePerUnit;
  return {
    account_number: order.accountNumber,
    average_net_premium_paid: formatMinorUnits(average, 8, 8),
    cancel_url: working ? `${urls.optionOrder(order.id)}cancel/` : null,
    canceled_quantity: orderQuantity(order.state === "cancelled" ? order.quantity - units : 0),
    chain_id: order.chainId,
    chain_symbol: order.symbol,
    client_ask_at_submission: price8(order.clientAskCents),
    client_bid_at_submission: price8(order.clientBidCents),
    client_time_at_submission: null,
    closing_strategy: order.closingStrategy,
    contract_fees: "0",
    created_at: isoMicros(order.createdAtUs),
    derived_state: order.state,
    direction: order.direction,
    estimated_total_net_amount: estimateCents === 0 ? "0" : formatMinorUnits(estimateCents, 2, 2),
    estimated_total_net_amount_direction: order.direction,
    form_source: order.formSource,
    gold_savings: "0",
    id: order.id,
    is_replaceable: working,
    legs: order.legs.map((leg) => ({
      executions: leg.executions.map((execution) => ({
        id: execution.id,
        price: price8(execution.priceCents),
        quantity: orderQuantity(execution.quantity),
        settlement_date: optionSettlementDate(execution.timestampUs),
        timestamp: isoMillisPadded(execution.timestampUs),
      })),
      expiration_date: isoDay(leg.contract.expirationDay),
      id: leg.id,
      long_strategy_code: strategyCode(leg.contract.id, "long"),
      option: urls.optionInstrument(leg.contract.id),
      option_type: leg.contract.type,
      position_effect: leg.positionEffect,
      ratio_quantity: leg.ratio,
      short_strategy_code: strategyCode(leg.contract.id, "short"),
      side: leg.side,
      strike_price: price4(leg.contract.strikeCents),
    })),
    net_amount: units > 0 ? formatMinorUnits(netCents, 2, 2) : "0",
    net_amount_direction: processedDirection,
    opening_strategy: order.openingStrategy,
    pending_quantity: orderQuantity(working ? order.quantity - units : 0),
    premium: price8(order.limitCents * 100),
    price: price8(order.limitCents),
    processed_premium: canonicalDecimal(formatMinorUnits(premium, 2, 2)),
    processed_premium_direction: processedDirection,
    processed_quantity: orderQuantity(units),
    quantity: orderQuantity(order.quantity),
    ref_id: order.refId,
    regulatory_fees: formatMinorUnits(fees, 2, 2),
    response_category: order.responseCategory,
    sales_taxes: [],
    state: order.state,
    stop_price: null,
    strategy: order.strategy,
    time_in_force: order.timeInForce,
    trigger: "immediate",
    type: "limit",
    updated_at: isoMicros(order.updatedAtUs),
  };
}
