import "server-only";
import type { OpenPosition } from "@/lib/generated/prisma/client";
import type { StrategyLabel } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import {
  CONTRACT_SELECT,
  type ContractView,
  contractView,
  decimalText,
  decimalTextOrNull,
} from "./decimal-text";
import { strategyLabel } from "./strategy-label";

type ContractFields = Parameters<typeof contractView>[0];

/** An open position with its contract's terms and its chain's strategy (null without a chain). */
export type PositionWithContract = OpenPosition & {
  instrument: ContractFields;
  chain: { strategy: string | null } | null;
};

/**
 * The positions with their contracts and their chains' strategies, read by id in two queries (a
 * derived row names its contract and chain without a foreign key: prisma/migrations,
 * 20261207000100), in the order given.
 */
export async function withContracts(
  tx: UserTransaction,
  positions: readonly OpenPosition[],
): Promise<PositionWithContract[]> {
  if (positions.length === 0) return [];
  const instruments = await tx.optionInstrument.findMany({
    where: { id: { in: [...new Set(positions.map((position) => position.instrumentId))] } },
    select: { id: true, ...CONTRACT_SELECT },
  });
  const chainIds = [...new Set(positions.flatMap((position) => position.chainId ?? []))];
  const chains =
    chainIds.length > 0
      ? await tx.rollChain.findMany({ where: { id: { in: chainIds } }, select: { id: true, strategy: true } })
      : [];
  return joinContracts(
    positions,
    new Map(instruments.map((instrument) => [instrument.id, instrument])),
    new Map(chains.map((chain) => [chain.id, chain])),
  );
}

/**
 * The positions with their contracts and chains' strategies, from what the caller read. A position
 * whose contract or chain is missing would be a recompute's bug: it is refused loudly.
 */
export function joinContracts(
  positions: readonly OpenPosition[],
  instrumentOf: ReadonlyMap<string, ContractFields>,
  chainOf: ReadonlyMap<string, { strategy: string | null }>,
): PositionWithContract[] {
  return positions.map((position) => {
    const instrument = instrumentOf.get(position.instrumentId);
    if (!instrument) throw new Error(`open position ${position.id} names a missing contract`);
    const chain = position.chainId === null ? null : chainOf.get(position.chainId);
    if (chain === undefined) throw new Error(`open position ${position.id} names a missing chain`);
    return { ...position, instrument, chain };
  });
}

/** Nearest expiry first, then underlying, then strike (as a number: 9.5 before 10), then id. */
export function byExpiryUnderlyingStrike(
  a: Pick<PositionWithContract, "id" | "instrument">,
  b: Pick<PositionWithContract, "id" | "instrument">,
): number {
  return (
    a.instrument.expirationDate.getTime() - b.instrument.expirationDate.getTime() ||
    compareText(a.instrument.underlying, b.instrument.underlying) ||
    a.instrument.strikePrice.comparedTo(b.instrument.strikePrice) ||
    compareText(a.id, b.id)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

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

export function openPositionRow(row: PositionWithContract): OpenPositionRow {
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
