import "server-only";
import { sumDecimals } from "@/lib/money";
import { cachedUserRead } from "@/lib/server/cache/cached-user-read";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { type AdjustmentView, adjustmentViews } from "./chain-adjustments";
import { type ChainRow, chainRow } from "./chain-row";
import { CONTRACT_SELECT, type ContractView, contractView, dateText, decimalText } from "./decimal-text";
import type { LotView } from "./lot-view";
import {
  byExpiryUnderlyingStrike,
  joinContracts,
  type OpenPositionRow,
  openPositionRow,
} from "./position-row";
import { type LegOutView, legOutsOf } from "./strategy-label";

export type { LotView } from "./lot-view";

export type RollView = {
  sequence: number;
  rolledOn: string;
  from: ContractView;
  to: ContractView;
  closedQuantity: string;
  openedQuantity: string;
  /** "OUT", "IN", "UP", "DOWN". */
  kinds: string[];
  /** Positive: credit; negative: debit; fees included. */
  netCredit: string;
};

export type ChainDetail = {
  chain: ChainRow;
  /** Legs closed early while others stayed open, in date order. */
  legOuts: LegOutView[];
  rolls: RollView[];
  /** Renames and splits that moved the position, in date order (usually none). */
  adjustments: AdjustmentView[];
  lots: LotView[];
  openPositions: OpenPositionRow[];
  /** Fees of the chain's closed lots (open lots' fees sit in their unrealized P&L). */
  closedFees: string;
};

export type GetChainOptions = { robinhoodUserId: string; chainId: string; db?: Database };

/**
 * One chain with its rolls, closed lots and open tail; null when the user has no such chain. Cached
 * per user and data version (lib/server/cache).
 */
export async function getChain(options: GetChainOptions): Promise<ChainDetail | null> {
  const { robinhoodUserId, db, chainId } = options;
  return cachedUserRead({ robinhoodUserId, db, key: ["chain", chainId] }, () => readChain(options));
}

async function readChain(options: GetChainOptions): Promise<ChainDetail | null> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const chain = await tx.rollChain.findFirst({ where: { id: options.chainId, userId: user.id } });
    if (!chain) return null;
    const links = await tx.rollLink.findMany({
      where: { chainId: chain.id, userId: user.id },
      orderBy: { sequence: "asc" },
    });
    const lots = await tx.matchedLot.findMany({
      where: { chainId: chain.id, userId: user.id },
      orderBy: [{ openedAt: "asc" }, { closedAt: "asc" }, { lotKey: "asc" }],
    });
    const openPositions = await tx.openPosition.findMany({ where: { chainId: chain.id, userId: user.id } });
    // Every contract the page names, in one query.
    const instrumentIds = [
      ...new Set([
        ...links.flatMap((link) => [link.fromInstrumentId, link.toInstrumentId]),
        ...lots.map((lot) => lot.instrumentId),
        ...openPositions.map((position) => position.instrumentId),
      ]),
    ];
    const instruments = await tx.optionInstrument.findMany({
      where: { id: { in: instrumentIds } },
      select: { id: true, ...CONTRACT_SELECT },
    });
    const contractOf = new Map(instruments.map((instrument) => [instrument.id, contractView(instrument)]));
    const positions = joinContracts(
      openPositions,
      new Map(instruments.map((instrument) => [instrument.id, instrument])),
      new Map([[chain.id, chain]]),
    ).sort(byExpiryUnderlyingStrike);
    const closedFees = sumDecimals(lots.map((lot) => decimalText(lot.fees)));
    return {
      chain: chainRow(
        chain,
        lots.some((lot) => lot.closeKind === "EXPIRATION_INFERRED"),
      ),
      legOuts: legOutsOf(chain.legOuts),
      rolls: links.map((link) => ({
        sequence: link.sequence,
        rolledOn: dateText(link.rolledOn),
        from: contractOf.get(link.fromInstrumentId) as ContractView,
        to: contractOf.get(link.toInstrumentId) as ContractView,
        closedQuantity: decimalText(link.closedQuantity),
        openedQuantity: decimalText(link.openedQuantity),
        kinds: link.kinds,
        netCredit: decimalText(link.netCredit),
      })),
      adjustments: adjustmentViews(chain.adjustments, chain.optionType),
      lots: lots.map((lot) => ({
        id: lot.id,
        contract: contractOf.get(lot.instrumentId) as ContractView,
        side: lot.side,
        quantity: decimalText(lot.quantity),
        openPrice: decimalText(lot.openPrice),
        closePrice: decimalText(lot.closePrice),
        openedOn: dateText(lot.openedAt),
        closedOn: dateText(lot.closeTradeDate),
        closeKind: lot.closeKind,
        fees: decimalText(lot.fees),
        realized: decimalText(lot.realizedPnl),
      })),
      openPositions: positions.map(openPositionRow),
      closedFees: decimalText(closedFees),
    };
  });
}
