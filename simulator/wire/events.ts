import { formatMinorUnits } from "@/lib/money";
import type { SimEvent } from "../history/types";
import { stableId } from "../market/ids";
import { isoMicros } from "../market/timestamps";
import { isoDay, positionQuantity, price4, shareQuantity } from "./format";
import type { ApiUrls } from "./urls";

/** The `/options/positions/` row id of a contract held long or short in an account. */
export function optionPositionId(accountNumber: string, contractId: string, type: "long" | "short"): string {
  return stableId("option-position", accountNumber, contractId, type);
}

/**
 * Cash direction of an event. Expirations are `credit` with zero cash whatever the side (every
 * 2024 dump). Stock bought (short put assigned, long call exercised) is a debit; stock sold a
 * credit — inferred from the cash flow (§3.6, open question §8.9).
 */
function eventDirection(event: SimEvent): "debit" | "credit" {
  if (!event.equity) return "credit";
  return event.equity.side === "buy" ? "debit" : "credit";
}

/** §3.6 / §7.5 / §7.6 options event. */
export function optionEventJson(event: SimEvent, urls: ApiUrls) {
  const { contract, equity } = event;
  return {
    account: urls.account(event.accountNumber),
    account_number: event.accountNumber,
    cash_component: null,
    chain_id: contract.chainId,
    created_at: isoMicros(event.createdAtUs),
    direction: eventDirection(event),
    equity_components: equity
      ? [
          {
            id: equity.id,
            instrument: urls.equityInstrument(equity.instrumentId),
            price: price4(equity.priceCents),
            quantity: shareQuantity(equity.shares),
            side: equity.side,
            symbol: equity.symbol,
          },
        ]
      : [],
    event_date: isoDay(event.eventDay),
    id: event.id,
    option: urls.optionInstrument(contract.id),
    option_id: contract.id,
    position: urls.optionPosition(optionPositionId(event.accountNumber, contract.id, event.positionType)),
    quantity: positionQuantity(event.quantity),
    source_ref_id: null,
    state: event.state,
    total_cash_amount: equity ? formatMinorUnits(contract.strikeCents * equity.shares, 2, 2) : "0",
    type: event.type,
    underlying_price: price4(event.underlyingPriceCents),
    updated_at: isoMicros(event.updatedAtUs),
  };
}
