import "server-only";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { negateDecimal, sumDecimals } from "@/lib/money";
import type { OptionOrder } from "@/lib/robinhood/client";
import { allocateFees } from "./allocate-fees";
import { instrumentIdFromLink } from "./robinhood-links";
import type { SnapshotExecution, SnapshotLeg, SnapshotOrder } from "./robinhood-snapshot";

/**
 * Maps one Robinhood options order (§3.2) to Rollbook's rows. Every leg and every execution is kept,
 * whatever the order's state: a cancelled order with partial fills still traded. Fees
 * (`regulatory_fees` + `contract_fees`) are allocated to the executions pro rata by quantity, the
 * remainder on the latest fill, so they add up to the order's fees exactly.
 */
export function mapOrder(order: OptionOrder, accountNumber: string): SnapshotOrder {
  const regulatoryFees = order.regulatory_fees ?? "0";
  const contractFees = order.contract_fees ?? "0";
  const legs = order.legs.map(
    (leg): SnapshotLeg => ({
      brokerLegId: leg.id,
      instrumentRobinhoodId: instrumentIdFromLink(leg.option),
      side: leg.side === "buy" ? "BUY" : "SELL",
      positionEffect: leg.position_effect === "open" ? "OPEN" : "CLOSE",
      ratioQuantity: leg.ratio_quantity,
      executions: leg.executions.map(
        (execution): SnapshotExecution => ({
          brokerExecutionId: execution.id,
          price: execution.price,
          quantity: execution.quantity,
          fees: "0",
          executedAt: new Date(execution.timestamp),
          tradeDate: tradingDateOf(new Date(execution.timestamp)),
          settlementDate: execution.settlement_date,
        }),
      ),
    }),
  );
  allocateOrderFees(legs, sumDecimals([regulatoryFees, contractFees]));

  const netDirection = order.net_amount_direction ?? order.direction;
  return {
    brokerOrderId: order.id,
    raw: order,
    accountNumber: order.account_number ?? accountNumber,
    state: order.state,
    chainSymbol: order.chain_symbol,
    direction: order.direction,
    orderType: order.type,
    quantity: order.quantity,
    processedQuantity: order.processed_quantity,
    limitPrice: order.price,
    premium: order.premium,
    processedPremium: order.processed_premium,
    netAmount:
      order.net_amount === undefined
        ? null
        : netDirection === "debit"
          ? negateDecimal(order.net_amount)
          : order.net_amount,
    regulatoryFees,
    contractFees,
    openingStrategy: order.opening_strategy ?? null,
    closingStrategy: order.closing_strategy ?? null,
    formSource: order.form_source ?? null,
    brokerCreatedAt: new Date(order.created_at),
    brokerUpdatedAt: new Date(order.updated_at),
    legs,
  };
}

/** Fills in `fees` on every execution of the order, in fill order (time, then id). */
function allocateOrderFees(legs: SnapshotLeg[], totalFees: string): void {
  const fills = legs
    .flatMap((leg) => leg.executions)
    .sort(
      (a, b) =>
        a.executedAt.getTime() - b.executedAt.getTime() ||
        (a.brokerExecutionId < b.brokerExecutionId ? -1 : a.brokerExecutionId > b.brokerExecutionId ? 1 : 0),
    );
  const shares = allocateFees(
    totalFees,
    fills.map((fill) => fill.quantity),
  );
  fills.forEach((fill, index) => {
    fill.fees = shares[index] ?? "0";
  });
}
