import "server-only";
import type { StockPosition } from "@/lib/generated/prisma/client";
import { dateTextOrNull, decimalText, decimalTextOrNull } from "./decimal-text";

/** One symbol of the stock ledger as pages show it. */
export type StockPositionRow = {
  id: string;
  symbol: string;
  /** Shares, signed (negative only for a real short sale); zero once every share is gone. */
  quantity: string;
  averagePrice: string;
  /** Cost of the open shares, fees included (proceeds for a short). */
  costBasis: string;
  openedOn: string | null;
  mark: string | null;
  marketValue: string | null;
  unrealized: string | null;
  realized: string;
};

export function stockPositionRow(row: StockPosition): StockPositionRow {
  return {
    id: row.id,
    symbol: row.symbol,
    quantity: decimalText(row.quantity),
    averagePrice: decimalText(row.averagePrice),
    costBasis: decimalText(row.costBasis),
    openedOn: dateTextOrNull(row.openedOn),
    mark: decimalTextOrNull(row.markPrice),
    marketValue: decimalTextOrNull(row.marketValue),
    unrealized: decimalTextOrNull(row.unrealizedPnl),
    realized: decimalText(row.realizedPnl),
  };
}
