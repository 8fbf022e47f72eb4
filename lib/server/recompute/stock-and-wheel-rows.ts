import "server-only";
import { add, formatMoney, parseDecimal } from "@/lib/money";
import type { PnlResult } from "@/lib/pnl";
import type { CopyRow } from "@/lib/server/db/copy-rows";
import { derivedRowIds } from "./derived-row-id";

// The stock ledger's and the wheel's derived tables, as COPY text in these columns' order.
export const STOCK_COLUMNS = [
  "id",
  "user_id",
  "account_id",
  "symbol",
  "quantity",
  "average_price",
  "cost_basis",
  "opened_on",
  "mark_price",
  "market_value",
  "unrealized_pnl",
  "realized_pnl",
] as const;

export const WHEEL_COLUMNS = [
  "id",
  "user_id",
  "account_id",
  "cycle_key",
  "underlying",
  "status",
  "started_on",
  "ended_on",
  "days",
  "premium_collected",
  "option_realized",
  "stock_realized",
  "realized_pnl",
  "shares_held",
  "cost_basis",
  "net_cost_basis_per_share",
  "capital_tied_up",
  "return_on_capital",
  "puts_assigned",
  "calls_assigned",
] as const;

type StockRow = {
  accountId: string;
  symbol: string;
  quantity: string;
  averagePrice: string;
  costBasis: string;
  openedOn: string | null;
  markPrice: string | null;
  marketValue: string | null;
  unrealizedPnl: string | null;
  realizedPnl: string;
};

/**
 * One row per account and symbol the stock ledger ever held: the open shares with their valuation,
 * and the realized P&L of every share sold or called away (a symbol no longer held keeps a row with
 * quantity 0, so its realized figure is not lost). A replay from flat cuts starts each row from the
 * realized P&L before the cut (`realizedBefore`: symbol → account → decimal text), so its rows are
 * the whole history's.
 */
export function stockTable(
  userId: string,
  result: PnlResult,
  realizedBefore: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map(),
) {
  const rows = new Map<string, StockRow>();
  const keyOf = (accountId: string, symbol: string) => `${accountId}|${symbol}`;
  const emptyRow = (accountId: string, symbol: string): StockRow => ({
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
  for (const [symbol, byAccount] of realizedBefore)
    for (const [accountId, realized] of Object.entries(byAccount))
      rows.set(keyOf(accountId, symbol), { ...emptyRow(accountId, symbol), realizedPnl: realized });
  for (const position of result.stockPositions) {
    const key = keyOf(position.accountId, position.underlying);
    rows.set(key, {
      ...emptyRow(position.accountId, position.underlying),
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      costBasis: position.costBasis,
      openedOn: position.openedOn,
      markPrice: position.mark,
      marketValue: position.marketValue,
      unrealizedPnl: position.unrealized,
      realizedPnl: rows.get(key)?.realizedPnl ?? "0",
    });
  }
  for (const match of result.stockMatches) {
    const key = keyOf(match.accountId, match.underlying);
    const row = rows.get(key) ?? emptyRow(match.accountId, match.underlying);
    row.realizedPnl = formatMoney(add(parseDecimal(row.realizedPnl), parseDecimal(match.realized)));
    rows.set(key, row);
  }
  const idOf = derivedRowIds(userId, "stock");
  const copyRows: CopyRow[] = [...rows.entries()].map(([key, row]) => [
    idOf.of(key),
    userId,
    row.accountId,
    row.symbol,
    row.quantity,
    row.averagePrice,
    row.costBasis,
    row.openedOn,
    row.markPrice,
    row.marketValue,
    row.unrealizedPnl,
    row.realizedPnl,
  ]);
  return { table: "stock_positions", columns: STOCK_COLUMNS, rows: copyRows };
}

/**
 * The wheel cycles `keep` keeps (all by default), with ids stable across recomputes (derived from
 * the engine's cycle id).
 */
export function wheelTable(
  userId: string,
  result: PnlResult,
  keep: (cycle: PnlResult["wheelCycles"][number]) => boolean = () => true,
) {
  const idOf = derivedRowIds(userId, "wheel");
  const rows: CopyRow[] = result.wheelCycles
    .filter(keep)
    .map((cycle) => [
      idOf.of(cycle.id),
      userId,
      cycle.accountId,
      cycle.id,
      cycle.underlying,
      cycle.status === "open" ? "OPEN" : "CLOSED",
      cycle.startedOn,
      cycle.endedOn,
      String(cycle.days),
      cycle.premiumCollected,
      cycle.optionRealized,
      cycle.stockRealized,
      cycle.realized,
      cycle.sharesHeld,
      cycle.costBasis,
      cycle.netCostBasisPerShare,
      cycle.capitalTiedUp,
      cycle.returnOnCapital,
      cycle.putsAssigned,
      cycle.callsAssigned,
    ]);
  return { table: "wheel_cycles", columns: WHEEL_COLUMNS, rows };
}
