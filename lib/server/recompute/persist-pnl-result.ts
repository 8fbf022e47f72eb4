import "server-only";
import { dateColumn } from "@/lib/dates/trading-date";
import { add, formatMoney, type Micro, parseDecimal } from "@/lib/money";
import type { CloseKind, Direction, PnlResult, RollChain } from "@/lib/pnl";
import { insertRows } from "@/lib/server/db/insert-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chainOpeningStrategies } from "./chain-opening-strategies";
import { derivedRowId } from "./derived-row-id";
import { STOCK_COLUMNS, stockRows, WHEEL_COLUMNS, wheelRows } from "./stock-and-wheel-rows";

export type PersistPnlResultOptions = {
  userId: string;
  result: PnlResult;
  /** Instrument id by `contractKey`, from the loader. */
  instrumentIds: Map<string, string>;
};

export type PersistedCounts = { lots: number; openPositions: number; chains: number; days: number };

const CLOSE_KINDS: Record<CloseKind, string> = {
  trade: "TRADE",
  expiration: "EXPIRATION",
  "expiration-inferred": "EXPIRATION_INFERRED",
  assignment: "ASSIGNMENT",
  exercise: "EXERCISE",
};

const side = (direction: Direction) => (direction === "long" ? "LONG" : "SHORT");

// Each derived table's columns and their SQL types, for `insertRows`.
const CHAIN_COLUMNS = {
  id: "uuid",
  userId: "uuid",
  chainKey: "text",
  underlying: "text",
  optionType: '"OptionType"',
  side: '"LotSide"',
  status: '"ChainStatus"',
  rollCount: "integer",
  openedAt: "timestamptz",
  closedAt: "timestamptz",
  daysHeld: "integer",
  netPremium: "numeric",
  realizedPnl: "numeric",
  unrealizedPnl: "numeric",
  breakevenPrice: "numeric",
  strategy: "text",
  legOuts: "jsonb",
  openingStrategy: "text",
  adjustments: "jsonb",
} as const;
const LINK_COLUMNS = {
  id: "uuid",
  userId: "uuid",
  chainId: "uuid",
  sequence: "integer",
  rolledOn: "date",
  fromInstrumentId: "uuid",
  toInstrumentId: "uuid",
  closedQuantity: "numeric",
  openedQuantity: "numeric",
  kinds: "text[]",
  netCredit: "numeric",
} as const;
const LOT_COLUMNS = {
  id: "uuid",
  userId: "uuid",
  accountId: "uuid",
  instrumentId: "uuid",
  lotKey: "text",
  chainId: "uuid",
  side: '"LotSide"',
  quantity: "numeric",
  openPrice: "numeric",
  closePrice: "numeric",
  openedAt: "timestamptz",
  closedAt: "timestamptz",
  closeTradeDate: "date",
  closeKind: '"LotCloseKind"',
  fees: "numeric",
  realizedPnl: "numeric",
} as const;
const POSITION_COLUMNS = {
  id: "uuid",
  userId: "uuid",
  accountId: "uuid",
  instrumentId: "uuid",
  chainId: "uuid",
  side: '"LotSide"',
  quantity: "numeric",
  averageOpenPrice: "numeric",
  costBasis: "numeric",
  markPrice: "numeric",
  marketValue: "numeric",
  unrealizedPnl: "numeric",
} as const;
const DAY_COLUMNS = {
  userId: "uuid",
  tradeDate: "date",
  underlying: "text",
  realizedPnl: "numeric",
  fees: "numeric",
} as const;

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
  const openingStrategies = await chainOpeningStrategies(tx, userId, result);

  // Children first is not needed (cascades), but explicit deletes keep the intent obvious.
  await tx.matchedLot.deleteMany({ where: { userId } });
  await tx.openPosition.deleteMany({ where: { userId } });
  await tx.stockPosition.deleteMany({ where: { userId } });
  await tx.wheelCycle.deleteMany({ where: { userId } });
  await tx.rollChain.deleteMany({ where: { userId } });
  await tx.dailyPnl.deleteMany({ where: { userId } });

  await insertRows(
    tx,
    "roll_chains",
    result.chains.map((chain) => chainRow(userId, chain, chainIds, openingStrategies)),
    CHAIN_COLUMNS,
  );
  await insertRows(
    tx,
    "roll_links",
    result.chains.flatMap((chain) =>
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
    LINK_COLUMNS,
  );

  const lotOrdinals = new Map<string, number>();
  await insertRows(
    tx,
    "matched_lots",
    result.matches.map((lot) => {
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
        fees: formatMoney(add(parseDecimal(lot.openFees), parseDecimal(lot.closeFees))),
        realizedPnl: lot.realized,
      };
    }),
    LOT_COLUMNS,
  );

  const chainOfOpenLot = new Map(
    result.openLots.map((lot) => [`${lot.accountId}|${lot.contractKey}|${lot.direction}`, lot.chainId]),
  );
  await insertRows(
    tx,
    "open_positions",
    result.openPositions.map((position) => ({
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
    POSITION_COLUMNS,
  );

  await insertRows(tx, "stock_positions", stockRows(userId, result), STOCK_COLUMNS);
  await insertRows(tx, "wheel_cycles", wheelRows(userId, result), WHEEL_COLUMNS);

  const days = dailyRows(userId, result);
  await insertRows(tx, "daily_pnl", days, DAY_COLUMNS);

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
  openingStrategies: Map<string, string>,
) {
  return {
    id: chainIds.get(chain.id) as string,
    userId,
    chainKey: chain.id,
    underlying: chain.underlying,
    optionType: chain.optionType === "call" ? ("CALL" as const) : ("PUT" as const),
    side: side(chain.side),
    status: chain.status.toUpperCase(),
    rollCount: chain.rolls.length,
    openedAt: dateColumn(chain.openedOn),
    closedAt: chain.closedOn ? dateColumn(chain.closedOn) : null,
    daysHeld: chain.daysHeld,
    netPremium: chain.netPremium,
    realizedPnl: chain.realized,
    unrealizedPnl: chain.unrealized,
    breakevenPrice: chain.breakeven,
    strategy: chain.strategy,
    legOuts: chain.legOuts,
    openingStrategy: openingStrategies.get(chain.id) ?? null,
    adjustments: chain.adjustments,
  };
}

/** Realized option P&L per closing trading day and underlying. */
function dailyRows(userId: string, result: PnlResult) {
  const rows = new Map<string, { tradeDate: string; underlying: string; realized: Micro; fees: Micro }>();
  for (const lot of result.matches) {
    const key = `${lot.closedOn}|${lot.underlying}`;
    const row = rows.get(key) ?? {
      tradeDate: lot.closedOn,
      underlying: lot.underlying,
      realized: 0,
      fees: 0,
    };
    // The engine's amounts are micros formatted as text, so they parse back exactly.
    row.realized = add(row.realized, parseDecimal(lot.realized));
    row.fees = add(add(row.fees, parseDecimal(lot.openFees)), parseDecimal(lot.closeFees));
    rows.set(key, row);
  }
  return [...rows.values()].map((row) => ({
    userId,
    tradeDate: dateColumn(row.tradeDate),
    underlying: row.underlying,
    realizedPnl: formatMoney(row.realized),
    fees: formatMoney(row.fees),
  }));
}
