import "server-only";
import { dateColumn } from "@/lib/dates/trading-date";
import { add, formatMoney, parseDecimal } from "@/lib/money";
import type { PnlResult } from "@/lib/pnl";
import { derivedRowId } from "./derived-row-id";

// The stock ledger's and the wheel's derived tables, with their SQL types for `insertRows`.
export const STOCK_COLUMNS = {
  id: "uuid",
  userId: "uuid",
  accountId: "uuid",
  symbol: "text",
  quantity: "numeric",
  averagePrice: "numeric",
  costBasis: "numeric",
  openedOn: "date",
  markPrice: "numeric",
  marketValue: "numeric",
  unrealizedPnl: "numeric",
  realizedPnl: "numeric",
} as const;

export const WHEEL_COLUMNS = {
  id: "uuid",
  userId: "uuid",
  accountId: "uuid",
  cycleKey: "text",
  underlying: "text",
  status: '"WheelCycleStatus"',
  startedOn: "date",
  endedOn: "date",
  days: "integer",
  premiumCollected: "numeric",
  optionRealized: "numeric",
  stockRealized: "numeric",
  realizedPnl: "numeric",
  sharesHeld: "numeric",
  costBasis: "numeric",
  netCostBasisPerShare: "numeric",
  capitalTiedUp: "numeric",
  returnOnCapital: "numeric",
  putsAssigned: "numeric",
  callsAssigned: "numeric",
} as const;

type StockRow = {
  id: string;
  userId: string;
  accountId: string;
  symbol: string;
  quantity: string;
  averagePrice: string;
  costBasis: string;
  openedOn: Date | null;
  markPrice: string | null;
  marketValue: string | null;
  unrealizedPnl: string | null;
  realizedPnl: string;
};

/**
 * One row per account and symbol the stock ledger ever held: the open shares with their valuation,
 * and the realized P&L of every share sold or called away (a symbol no longer held keeps a row with
 * quantity 0, so its realized figure is not lost).
 */
export function stockRows(userId: string, result: PnlResult): StockRow[] {
  const rows = new Map<string, StockRow>();
  const keyOf = (accountId: string, symbol: string) => `${accountId}|${symbol}`;
  const emptyRow = (accountId: string, symbol: string): StockRow => ({
    id: derivedRowId(userId, "stock", keyOf(accountId, symbol)),
    userId,
    accountId,
    symbol,
    quantity: "0",
    averagePrice: "0",
    costBasis: "0",
    openedOn: null,
    markPrice: null,
    marketValue: null,
    unrealizedPnl: null,
    realizedPnl: "0",
  });
  for (const position of result.stockPositions) {
    rows.set(keyOf(position.accountId, position.underlying), {
      ...emptyRow(position.accountId, position.underlying),
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      costBasis: position.costBasis,
      openedOn: dateColumn(position.openedOn),
      markPrice: position.mark,
      marketValue: position.marketValue,
      unrealizedPnl: position.unrealized,
    });
  }
  for (const match of result.stockMatches) {
    const key = keyOf(match.accountId, match.underlying);
    const row = rows.get(key) ?? emptyRow(match.accountId, match.underlying);
    row.realizedPnl = formatMoney(add(parseDecimal(row.realizedPnl), parseDecimal(match.realized)));
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** The wheel cycles, with ids stable across recomputes (derived from the engine's cycle id). */
export function wheelRows(userId: string, result: PnlResult) {
  return result.wheelCycles.map((cycle) => ({
    id: derivedRowId(userId, "wheel", cycle.id),
    userId,
    accountId: cycle.accountId,
    cycleKey: cycle.id,
    underlying: cycle.underlying,
    status: cycle.status === "open" ? "OPEN" : "CLOSED",
    startedOn: dateColumn(cycle.startedOn),
    endedOn: cycle.endedOn ? dateColumn(cycle.endedOn) : null,
    days: cycle.days,
    premiumCollected: cycle.premiumCollected,
    optionRealized: cycle.optionRealized,
    stockRealized: cycle.stockRealized,
    realizedPnl: cycle.realized,
    sharesHeld: cycle.sharesHeld,
    costBasis: cycle.costBasis,
    netCostBasisPerShare: cycle.netCostBasisPerShare,
    capitalTiedUp: cycle.capitalTiedUp,
    returnOnCapital: cycle.returnOnCapital,
    putsAssigned: cycle.putsAssigned,
    callsAssigned: cycle.callsAssigned,
  }));
}
