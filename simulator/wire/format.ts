import { formatMinorUnits } from "@/lib/money";
import { dayFromIso, isoFromDay, newYorkDay, nextTradingDay } from "../market/calendar";

/** Option quantities: 5 places on orders, 4 on positions and events (§5.1). */
export const orderQuantity = (contracts: number) => formatMinorUnits(contracts, 0, 5);
export const positionQuantity = (contracts: number) => formatMinorUnits(contracts, 0, 4);
export const shareQuantity = (shares: number) => formatMinorUnits(shares, 0, 8);

/** Prices in orders and executions: 8 places. */
export const price8 = (cents: number) => formatMinorUnits(cents, 2, 8);
/** Strikes and position averages: 4 places. */
export const price4 = (cents: number) => formatMinorUnits(cents, 2, 4);

export function isoDay(day: number): string {
  return isoFromDay(day);
}

/** Options settle the next trading day (T+1). */
export function optionSettlementDate(timestampUs: number): string {
  return isoFromDay(nextTradingDay(newYorkDay(timestampUs / 1000)));
}

/** `"<instrument id>_L1"` / `"_S1"` strategy codes (§3.2). */
export function strategyCode(instrumentId: string, side: "long" | "short"): string {
  return `${instrumentId}_${side === "long" ? "L" : "S"}1`;
}

/** US equities moved from T+2 to T+1 settlement on 2024-05-28. */
const T_PLUS_ONE_FROM = dayFromIso("2024-05-28");

/** Settlement day of a stock trade on `day`. */
export function stockSettlementDay(day: number): number {
  const first = nextTradingDay(day);
  return day >= T_PLUS_ONE_FROM ? first : nextTradingDay(first);
}
