import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  CONTRACT_SELECT,
  type ContractView,
  contractView,
  decimalText,
  decimalTextOrNull,
} from "./decimal-text";

export const POSITION_INCLUDE = { instrument: { select: CONTRACT_SELECT } } as const;

type PositionWithInstrument = Prisma.OpenPositionGetPayload<{ include: typeof POSITION_INCLUDE }>;

export type OpenPositionRow = {
  id: string;
  chainId: string | null;
  contract: ContractView;
  side: "LONG" | "SHORT";
  /** Contracts, signed: long positive, short negative. */
  quantity: string;
  /** Per share, fees excluded. */
  averagePrice: string;
  /** Opening cash of the position, fees included (negative for a long). */
  costBasis: string;
  mark: string | null;
  markedAt: string | null;
  marketValue: string | null;
  unrealized: string | null;
};

export function openPositionRow(row: PositionWithInstrument): OpenPositionRow {
  return {
    id: row.id,
    chainId: row.chainId,
    contract: contractView(row.instrument),
    side: row.side,
    quantity: decimalText(row.quantity),
    averagePrice: decimalText(row.averageOpenPrice),
    costBasis: decimalText(row.costBasis),
    mark: decimalTextOrNull(row.markPrice),
    markedAt: row.markedAt?.toISOString() ?? null,
    marketValue: decimalTextOrNull(row.marketValue),
    unrealized: decimalTextOrNull(row.unrealizedPnl),
  };
}
