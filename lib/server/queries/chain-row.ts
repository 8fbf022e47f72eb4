import "server-only";
import type { ChainStatus, RollChain } from "@/lib/generated/prisma/client";
import type { StrategyLabel } from "@/lib/pnl";
import { dateText, dateTextOrNull, decimalText, decimalTextOrNull } from "./decimal-text";
import { strategyLabel } from "./strategy-label";

export type ChainRow = {
  id: string;
  underlying: string;
  optionType: "CALL" | "PUT";
  side: "LONG" | "SHORT";
  status: ChainStatus;
  /** Ended by an expiry that no broker event confirmed: shown as "expired (inferred)". */
  expiryInferred: boolean;
  rollCount: number;
  openedOn: string;
  closedOn: string | null;
  daysHeld: number;
  /** All option cash of the chain, fees included. */
  netPremium: string;
  realized: string;
  /** Of the open tail; null while a tail contract has no mark. */
  unrealized: string | null;
  breakeven: string | null;
  /** The strategy the chain opened with; null before its first recompute with labels. */
  strategy: StrategyLabel | null;
  /** The broker's `opening_strategy` of the order that opened it ("short_put_spread"), when synced. */
  openingStrategy: string | null;
};

export function chainRow(row: RollChain, hasInferredExpiry: boolean): ChainRow {
  return {
    id: row.id,
    underlying: row.underlying,
    optionType: row.optionType,
    side: row.side,
    status: row.status,
    expiryInferred: row.status === "EXPIRED" && hasInferredExpiry,
    rollCount: row.rollCount,
    openedOn: dateText(row.openedAt),
    closedOn: dateTextOrNull(row.closedAt),
    daysHeld: row.daysHeld,
    netPremium: decimalText(row.netPremium),
    realized: decimalText(row.realizedPnl),
    unrealized: decimalTextOrNull(row.unrealizedPnl),
    breakeven: decimalTextOrNull(row.breakevenPrice),
    strategy: strategyLabel(row.strategy),
    openingStrategy: row.openingStrategy,
  };
}
