import "server-only";
import { tradingDateOf } from "@/lib/dates/trading-date";
import { formatDecimal, type Micro, mulRounded, parseDecimal, prorate, sub, sum } from "@/lib/money";
import type { StockOrder } from "@/lib/robinhood/client";
import { idFromLink } from "./robinhood-links";
import type { SnapshotStockFill } from "./robinhood-snapshot";

const MICROS_PER_CENT = 10_000;

/**
 * Maps one equity order (§4) to its fills, one per execution, whatever the order's state: a cancelled
 * order with partial fills still traded. The order's `fees` are split over its executions pro rata by
 * quantity, each share truncated to the cent and the remainder on the latest fill, so they add up to
 * the order's fees exactly. `symbol` is the ticker of the order's instrument, resolved by the caller.
 */
export function mapStockOrder(order: StockOrder, context: { accountNumber: string; symbol: string }) {
  const fills = [...order.executions].sort(
    (a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const fees = allocate(
    parseDecimal(order.fees),
    fills.map((fill) => parseDecimal(fill.quantity)),
  );
  const accountNumber = order.account_number ?? accountNumberOf(order.account, context.accountNumber);
  return fills.map((fill, index): SnapshotStockFill => {
    const executedAt = new Date(fill.timestamp);
    return {
      brokerTradeId: fill.id,
      brokerOrderId: order.id,
      raw: order,
      accountNumber,
      symbol: context.symbol,
      side: order.side === "buy" ? "BUY" : "SELL",
      quantity: fill.quantity,
      price: fill.price,
      // Exact for whole shares; a fractional fill's notional is rounded once, at the sixth place.
      amount: formatDecimal(
        mulRounded(parseDecimal(fill.price), parseDecimal(fill.quantity), "half-even"),
        0,
      ),
      fees: formatDecimal(fees[index] ?? 0, 0),
      executedAt,
      tradeDate: tradingDateOf(executedAt),
      settlementDate: fill.settlement_date ?? null,
    };
  });
}

function allocate(total: Micro, quantities: readonly Micro[]): Micro[] {
  const whole = sum(quantities);
  let allocated = 0;
  return quantities.map((quantity, index) => {
    if (index === quantities.length - 1) return sub(total, allocated);
    const exact = whole === 0 ? 0 : prorate(total, quantity, whole);
    const share = exact - (exact % MICROS_PER_CENT);
    allocated += share;
    return share;
  });
}

function accountNumberOf(link: string, fallback: string): string {
  try {
    return idFromLink(link, "accounts");
  } catch {
    return fallback;
  }
}
