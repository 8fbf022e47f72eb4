import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StrategyLabel } from "@/lib/pnl";
import {
  CONTRACT_SELECT,
  type ContractView,
  contractView,
  decimalText,
  decimalTextOrNull,
} from "./decimal-text";
import { strategyLabel } from "./strategy-label";

export const POSITION_INCLUDE = {
  instrument: { select: CONTRACT_SELECT },
  chain: { select: { strategy: true } },
} as const;

type PositionWithInstrument = Prisma.OpenPositionGetPayload<{ include: typeof POSITION_INCLUDE }>;

export type OpenPositionRow = {
  id: string;
  chainId: string | null;
  /** The contract's instrument: the Activity page lists the fills of it (`/activity?contract=`). */
  instrumentId: string;
  /** The strategy label of the position's chain, when it has one. */
  strategy: StrategyLabel | null;
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
    instrumentId: row.instrumentId,
    strategy: strategyLabel(row.chain?.strategy ?? null),
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
