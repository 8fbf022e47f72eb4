import "server-only";
import { dateColumn } from "@/lib/dates/trading-date";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CloseKind, Direction, PnlResult, RollChain } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { derivedRowId } from "./derived-row-id";

export type PersistPnlResultOptions = {
  userId: string;
  result: PnlResult;
  /** Instrument id by `contractKey`, from the loader. */
  instrumentIds: Map<string, string>;
};

export type PersistedCounts = { lots: number; openPositions: number; chains: number; days: number };

const CLOSE_KINDS: Record<CloseKind, Prisma.MatchedLotCreateManyInput["closeKind"]> = {
  trade: "TRADE",
  expiration: "EXPIRATION",
  "expiration-inferred": "EXPIRATION_INFERRED",
  assignment: "ASSIGNMENT",
  exercise: "EXERCISE",
};

const side = (direction: Direction) => (direction === "long" ? ("LONG" as const) : ("SHORT" as const));

/**
 * Replaces a user's derived rows with a new engine result. Derived rows are owned by recompute, so
 * delete-and-insert inside the caller's transaction is both simple and idempotent: the same inputs
 * always leave identical rows, with chain ids that do not change.
 */
export async function persistPnlResult(
  tx: UserTransaction,
  options: PersistPnlResultOptions,
): Promise<PersistedCounts> {
  const { userId, result, instrumentIds } = options;
  const instrumentOf = (key: string) => {
    const id = instrumentIds.get(key);
    if (!id) throw new Error(`The engine returned a contract the loader did not supply: ${key}`);
    return id;
  };
  const chainIds = new Map(result.chains.map((chain) => [chain.id, derivedRowId(userId, "chain", chain.id)]));

  // Children first is not needed (cascades), but explicit deletes keep the intent obvious.
  await tx.matchedLot.deleteMany({ where: { userId } });
  await tx.openPosition.deleteMany({ where: { userId } });
  await tx.stockPosition.deleteMany({ where: { userId } });
  await tx.rollChain.deleteMany({ where: { userId } });
  await tx.dailyPnl.deleteMany({ where: { userId } });

  await tx.rollChain.createMany({ data: result.chains.map((chain) => chainRow(userId, chain, chainIds)) });
  await tx.rollLink.createMany({
    data: result.chains.flatMap((chain) =>
      chain.rolls.map((roll, index) => ({
        id: derivedRowId(userId, "roll", `${chain.id}#${index + 1}`),
        userId,
        chainId: chainIds.get(chain.id) as string,
        sequence: index + 1,
        rolledOn: dateColumn(roll.date),
        fromInstrumentId: instrumentOf(roll.from.contractKey),
        toInstrumentId: instrumentOf(roll.to.contractKey),
        closedQuantity: roll.closeQuantity,
        openedQuantity: roll.openQuantity,
        kinds: [roll.expiry, roll.strike].filter((move) => move !== "same").map((move) => move.toUpperCase()),
        netCredit: roll.netCash,
      })),
    ),
  });

  const lotOrdinals = new Map<string, number>();
  await tx.matchedLot.createMany({
    data: result.matches.map((lot) => {
      const pair = `${lot.openExecutionId}>${lot.closeExecutionId ?? lot.closeEventId ?? "inferred"}`;
      const ordinal = (lotOrdinals.get(pair) ?? 0) + 1;
      lotOrdinals.set(pair, ordinal);
      const lotKey = `${pair}#${ordinal}`;
      return {
        id: derivedRowId(userId, "lot", lotKey),
        userId,
        accountId: lot.accountId,
        instrumentId: instrumentOf(lot.contractKey),
        lotKey,
        chainId: chainIds.get(lot.chainId) ?? null,
        side: side(lot.direction),
        quantity: lot.quantity,
        openPrice: lot.openPrice,
        closePrice: lot.closePrice,
        openedAt: dateColumn(lot.openedOn),
        closedAt: dateColumn(lot.closedOn),
        closeTradeDate: dateColumn(lot.closedOn),
        closeKind: CLOSE_KINDS[lot.closeKind],
        fees: new Prisma.Decimal(lot.openFees).plus(lot.closeFees),
        realizedPnl: lot.realized,
      };
    }),
  });

  const chainOfOpenLot = new Map(
    result.openLots.map((lot) => [`${lot.accountId}|${lot.contractKey}|${lot.direction}`, lot.chainId]),
  );
  await tx.openPosition.createMany({
    data: result.openPositions.map((position) => ({
      id: derivedRowId(
        userId,
        "position",
        `${position.accountId}|${position.contractKey}|${position.direction}`,
      ),
      userId,
      accountId: position.accountId,
      instrumentId: instrumentOf(position.contractKey),
      chainId:
        chainIds.get(
          chainOfOpenLot.get(`${position.accountId}|${position.contractKey}|${position.direction}`) ?? "",
        ) ?? null,
      side: side(position.direction),
      quantity: position.quantity,
      averageOpenPrice: position.averagePrice,
      costBasis: position.openCash,
      markPrice: position.mark,
      marketValue: position.marketValue,
      unrealizedPnl: position.unrealized,
    })),
  });

  await tx.stockPosition.createMany({ data: stockRows(userId, result) });

  const days = dailyRows(userId, result);
  await tx.dailyPnl.createMany({ data: days });

  return {
    lots: result.matches.length,
    openPositions: result.openPositions.length,
    chains: result.chains.length,
    days: days.length,
  };
}

function chainRow(
  userId: string,
  chain: RollChain,
  chainIds: Map<string, string>,
): Prisma.RollChainCreateManyInput {
  return {
    id: chainIds.get(chain.id) as string,
    userId,
    chainKey: chain.id,
    underlying: chain.underlying,
    optionType: chain.optionType === "call" ? ("CALL" as const) : ("PUT" as const),
    side: side(chain.side),
    status: chain.status.toUpperCase() as Prisma.RollChainCreateManyInput["status"],
    rollCount: chain.rolls.length,
    openedAt: dateColumn(chain.openedOn),
    closedAt: chain.closedOn ? dateColumn(chain.closedOn) : null,
    daysHeld: chain.daysHeld,
    netPremium: chain.netPremium,
    realizedPnl: chain.realized,
    unrealizedPnl: chain.unrealized,
    breakevenPrice: chain.breakeven,
  };
}

/** Stock delivered by assignments and exercises, one row per account and symbol, realized included. */
function stockRows(userId: string, result: PnlResult) {
  const rows = new Map<string, Prisma.StockPositionCreateManyInput>();
  const keyOf = (accountId: string, symbol: string) => `${accountId}|${symbol}`;
  for (const position of result.stockPositions) {
    rows.set(keyOf(position.accountId, position.underlying), {
      id: derivedRowId(userId, "stock", keyOf(position.accountId, position.underlying)),
      userId,
      accountId: position.accountId,
      symbol: position.underlying,
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      realizedPnl: "0",
    });
  }
  for (const match of result.stockMatches) {
    const key = keyOf(match.accountId, match.underlying);
    const row = rows.get(key) ?? {
      id: derivedRowId(userId, "stock", key),
      userId,
      accountId: match.accountId,
      symbol: match.underlying,
      quantity: "0",
      averagePrice: "0",
      realizedPnl: "0",
    };
    row.realizedPnl = new Prisma.Decimal(row.realizedPnl as string).plus(match.realized).toString();
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** Realized option P&L per closing trading day and underlying. */
function dailyRows(userId: string, result: PnlResult) {
  const rows = new Map<
    string,
    { tradeDate: string; underlying: string; realized: Prisma.Decimal; fees: Prisma.Decimal }
  >();
  for (const lot of result.matches) {
    const key = `${lot.closedOn}|${lot.underlying}`;
    const row = rows.get(key) ?? {
      tradeDate: lot.closedOn,
      underlying: lot.underlying,
      realized: new Prisma.Decimal(0),
      fees: new Prisma.Decimal(0),
    };
    row.realized = row.realized.plus(lot.realized);
    row.fees = row.fees.plus(lot.openFees).plus(lot.closeFees);
    rows.set(key, row);
  }
  return [...rows.values()].map((row) => ({
    userId,
    tradeDate: dateColumn(row.tradeDate),
    underlying: row.underlying,
    realizedPnl: row.realized,
    fees: row.fees,
  }));
}
