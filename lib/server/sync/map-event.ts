import "server-only";
import type { OptionEventType } from "@/lib/generated/prisma/enums";
import { multiplyDecimals } from "@/lib/money";
import type { OptionEvent } from "@/lib/robinhood/client";
import { idFromLink, instrumentIdFromLink } from "./robinhood-links";
import type { SnapshotEvent } from "./robinhood-snapshot";

const EVENT_TYPES: Record<Exclude<OptionEvent["type"], "voided">, OptionEventType> = {
  expiration: "EXPIRATION",
  assignment: "ASSIGNMENT",
  exercise: "EXERCISE",
};

/**
 * Maps one options event (§3.6). The stock side of an assignment or exercise appears only in
 * `equity_components`, so each component becomes a stock trade on the event date. Returns null for
 * a `voided` event, which the caller removes instead.
 */
export function mapEvent(event: OptionEvent, fallbackAccountNumber: string): SnapshotEvent | null {
  if (event.type === "voided") return null;
  return {
    brokerEventId: event.id,
    raw: event,
    accountNumber: event.account_number ?? accountNumberOf(event.account, fallbackAccountNumber),
    instrumentRobinhoodId: (event.option_id ?? instrumentIdFromLink(event.option)).toLowerCase(),
    type: EVENT_TYPES[event.type],
    state: event.state,
    quantity: event.quantity,
    eventDate: event.event_date,
    direction: event.direction,
    totalCashAmount: event.total_cash_amount,
    underlyingPrice: event.underlying_price ?? null,
    stockTrades: event.equity_components.map((component) => ({
      brokerTradeId: component.id,
      symbol: component.symbol,
      side: component.side === "buy" ? "BUY" : "SELL",
      quantity: component.quantity,
      price: component.price,
      amount: multiplyDecimals(component.price, component.quantity),
      tradeDate: event.event_date,
    })),
  };
}

function accountNumberOf(link: string, fallback: string): string {
  try {
    return idFromLink(link, "accounts");
  } catch {
    return fallback;
  }
}
