import "server-only";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { ContractView } from "./decimal-text";
import type { CloseKind } from "./lot-view";

/** One closed lot of a day: what a calendar day's figure is made of. */
export type DayLot = ContractView & {
  id: string;
  chainId: string | null;
  side: "LONG" | "SHORT";
  quantity: string;
  openPrice: string;
  closePrice: string;
  closeKind: CloseKind;
  fees: string;
  realized: string;
};

/** The option lots closed on one trading day; their realized P&L sums to the day's `daily_pnl`. */
export async function listDayLots(tx: UserTransaction, userId: string, date: string): Promise<DayLot[]> {
  return tx.$queryRaw<DayLot[]>`
    SELECT l.id::text AS id, l.chain_id::text AS "chainId", i.underlying,
           i.expiration_date::text AS expiration, trim_scale(i.strike_price)::text AS strike,
           i.option_type::text AS "optionType", trim_scale(i.multiplier)::text AS multiplier, l.side::text AS side,
           trim_scale(l.quantity)::text AS quantity, trim_scale(l.open_price)::text AS "openPrice",
           trim_scale(l.close_price)::text AS "closePrice", l.close_kind::text AS "closeKind",
           trim_scale(l.fees)::text AS fees, trim_scale(l.realized_pnl)::text AS realized
    FROM matched_lots l JOIN option_instruments i ON i.id = l.instrument_id
    WHERE l.user_id = ${userId}::uuid AND l.close_trade_date = ${date}::date
    ORDER BY i.underlying, i.expiration_date, i.strike_price, l.lot_key`;
}
