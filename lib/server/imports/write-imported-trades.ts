import "server-only";
import { dateColumn, isoDate } from "@/lib/dates/trading-date";
import { formatQuantity, parseDecimal, sum } from "@/lib/money";
import { contractKey, type OptionContract, type PnlExecution, type PnlLifecycleEvent } from "@/lib/pnl";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chunks } from "@/lib/server/sync/row-differs";

/**
 * The account imported rows are booked to. Robinhood's exports name no account, so every file of a
 * user lands in this one.
 */
export const CSV_ACCOUNT_NUMBER = "csv-import";

/**
 * Prefix of the order id given to an imported fill that came without one (activity reports carry
 * no order ids). The loader reads such orders back as "order unknown", so the engine never takes
 * two separately reported fills for the two legs of one order.
 */
export const CSV_ORDER_PREFIX = "csv:";

export type ImportedTrades = { executions: PnlExecution[]; events: PnlLifecycleEvent[] };

export type WrittenTrades = {
  /** Fills and events stored now; the others were stored by an earlier import of the same rows. */
  newExecutions: number;
  newEvents: number;
  newInstruments: number;
};

/**
 * Stores an import's fills (as orders, legs and executions) and lifecycle events under their
 * natural keys, skipping every one an earlier import already stored, so importing overlapping
 * files never duplicates a fill.
 */
export async function writeImportedTrades(
  tx: UserTransaction,
  user: ScopedUser,
  importId: string,
  trades: ImportedTrades,
): Promise<WrittenTrades> {
  const account = await tx.brokerAccount.upsert({
    where: { userId_accountNumber: { userId: user.id, accountNumber: CSV_ACCOUNT_NUMBER } },
    create: { userId: user.id, accountNumber: CSV_ACCOUNT_NUMBER, accountType: "csv" },
    update: {},
    select: { id: true },
  });
  const instruments = await storeInstruments(tx, [
    ...trades.executions.map((execution) => execution.contract),
    ...trades.events.map((event) => event.contract),
  ]);
  const newExecutions = await storeExecutions(tx, user, {
    accountId: account.id,
    importId,
    executions: trades.executions,
    instrumentIds: instruments.ids,
  });
  const newEvents = await storeEvents(tx, user, {
    accountId: account.id,
    importId,
    events: trades.events,
    instrumentIds: instruments.ids,
  });
  return { newExecutions, newEvents, newInstruments: instruments.inserted };
}

/** Finds each contract by its terms, storing the ones not yet known (without a Robinhood id). */
async function storeInstruments(tx: UserTransaction, contracts: OptionContract[]) {
  const byKey = new Map<string, ReturnType<typeof terms>>();
  for (const contract of contracts) byKey.set(contractKey(contract), terms(contract));
  let inserted = 0;
  for (const chunk of chunks([...byKey.values()])) {
    inserted += (await tx.optionInstrument.createMany({ data: chunk, skipDuplicates: true })).count;
  }
  const ids = new Map<string, string>();
  for (const chunk of chunks([...byKey.entries()], 200)) {
    const rows = await tx.optionInstrument.findMany({
      where: { OR: chunk.map(([, where]) => where) },
      select: {
        id: true,
        underlying: true,
        expirationDate: true,
        strikePrice: true,
        optionType: true,
        multiplier: true,
      },
    });
    for (const row of rows) {
      const key = contractKey({
        underlying: row.underlying,
        expiration: isoDate(row.expirationDate),
        strike: row.strikePrice.toString(),
        optionType: row.optionType === "CALL" ? "call" : "put",
        multiplier: row.multiplier.toString(),
      });
      ids.set(key, row.id);
    }
  }
  for (const key of byKey.keys()) {
    if (!ids.has(key)) throw new Error(`option contract ${key} could not be stored`);
  }
  return { ids, inserted };
}

function terms(contract: OptionContract) {
  return {
    underlying: contract.underlying,
    expirationDate: dateColumn(contract.expiration),
    strikePrice: contract.strike,
    optionType: contract.optionType === "call" ? ("CALL" as const) : ("PUT" as const),
    multiplier: contract.multiplier,
  };
}

type StoreExecutionsOptions = {
  accountId: string;
  importId: string;
  executions: PnlExecution[];
  instrumentIds: Map<string, string>;
};

/** One order per order id (or per fill, when the file names none), one leg per leg id or fill. */
async function storeExecutions(tx: UserTransaction, user: ScopedUser, options: StoreExecutionsOptions) {
  const known = new Set<string>();
  for (const chunk of chunks(options.executions, 5_000)) {
    const rows = await tx.optionExecution.findMany({
      where: { userId: user.id, brokerExecutionId: { in: chunk.map((execution) => execution.id) } },
      select: { brokerExecutionId: true },
    });
    for (const row of rows) known.add(row.brokerExecutionId);
  }
  const fresh = options.executions.filter((execution) => !known.has(execution.id));
  const orders = new Map<string, PnlExecution[]>();
  for (const execution of fresh) {
    const orderId = execution.orderId ?? `${CSV_ORDER_PREFIX}${execution.id}`;
    const fills = orders.get(orderId);
    if (fills) fills.push(execution);
    else orders.set(orderId, [execution]);
  }
  const orderIds = await upsertOrders(tx, user, { ...options, orders });

  const legs = new Map<string, { orderId: string; first: PnlExecution }>();
  const legOf = (execution: PnlExecution) => execution.legId ?? `${execution.id}:leg`;
  for (const [brokerOrderId, fills] of orders) {
    for (const fill of fills) {
      if (!legs.has(legOf(fill)))
        legs.set(legOf(fill), { orderId: orderIds.get(brokerOrderId) as string, first: fill });
    }
  }
  const legIds = await upsertLegs(tx, user, legs, options.instrumentIds);
  for (const chunk of chunks(fresh)) {
    await tx.optionExecution.createMany({
      data: chunk.map((execution) => ({
        userId: user.id,
        legId: legIds.get(legOf(execution)) as string,
        brokerExecutionId: execution.id,
        price: execution.price,
        quantity: execution.quantity,
        fees: execution.fees,
        executedAt: new Date(execution.executedAt),
        tradeDate: dateColumn(execution.tradeDate),
      })),
    });
  }
  return fresh.length;
}

async function upsertOrders(
  tx: UserTransaction,
  user: ScopedUser,
  options: StoreExecutionsOptions & { orders: Map<string, PnlExecution[]> },
) {
  const ids = new Map<string, string>();
  const brokerOrderIds = [...options.orders.keys()];
  for (const chunk of chunks(brokerOrderIds, 5_000)) {
    const rows = await tx.optionOrder.findMany({
      where: { userId: user.id, brokerOrderId: { in: chunk } },
      select: { id: true, brokerOrderId: true },
    });
    for (const row of rows) ids.set(row.brokerOrderId, row.id);
  }
  const fresh = brokerOrderIds.filter((id) => !ids.has(id));
  for (const chunk of chunks(fresh)) {
    const created = await tx.optionOrder.createManyAndReturn({
      data: chunk.map((brokerOrderId) => {
        const fills = options.orders.get(brokerOrderId) as PnlExecution[];
        const first = fills[0] as PnlExecution;
        const executedAt = new Date(first.executedAt);
        // An order's quantity is per leg: the fills of its first leg add up to it.
        const quantity = formatQuantity(
          sum(fills.filter((fill) => fill.legId === first.legId).map((fill) => parseDecimal(fill.quantity))),
        );
        return {
          userId: user.id,
          accountId: options.accountId,
          brokerOrderId,
          source: "CSV" as const,
          state: "filled",
          chainSymbol: first.contract.underlying,
          quantity,
          processedQuantity: quantity,
          importId: options.importId,
          brokerCreatedAt: executedAt,
          brokerUpdatedAt: executedAt,
        };
      }),
      select: { id: true, brokerOrderId: true },
    });
    for (const row of created) ids.set(row.brokerOrderId, row.id);
  }
  return ids;
}

async function upsertLegs(
  tx: UserTransaction,
  user: ScopedUser,
  legs: Map<string, { orderId: string; first: PnlExecution }>,
  instrumentIds: Map<string, string>,
) {
  const ids = new Map<string, string>();
  const brokerLegIds = [...legs.keys()];
  for (const chunk of chunks(brokerLegIds, 5_000)) {
    const rows = await tx.optionLeg.findMany({
      where: { userId: user.id, brokerLegId: { in: chunk } },
      select: { id: true, brokerLegId: true },
    });
    for (const row of rows) ids.set(row.brokerLegId, row.id);
  }
  const fresh = brokerLegIds.filter((id) => !ids.has(id));
  for (const chunk of chunks(fresh)) {
    const created = await tx.optionLeg.createManyAndReturn({
      data: chunk.map((brokerLegId) => {
        const { orderId, first } = legs.get(brokerLegId) as { orderId: string; first: PnlExecution };
        return {
          userId: user.id,
          orderId,
          brokerLegId,
          instrumentId: instrumentIds.get(contractKey(first.contract)) as string,
          side: first.side === "buy" ? ("BUY" as const) : ("SELL" as const),
          positionEffect: first.positionEffect === "open" ? ("OPEN" as const) : ("CLOSE" as const),
        };
      }),
      select: { id: true, brokerLegId: true },
    });
    for (const row of created) ids.set(row.brokerLegId, row.id);
  }
  return ids;
}

async function storeEvents(
  tx: UserTransaction,
  user: ScopedUser,
  options: {
    accountId: string;
    importId: string;
    events: PnlLifecycleEvent[];
    instrumentIds: Map<string, string>;
  },
) {
  const known = new Set<string>();
  for (const chunk of chunks(options.events, 5_000)) {
    const rows = await tx.optionEvent.findMany({
      where: { userId: user.id, brokerEventId: { in: chunk.map((event) => event.id) } },
      select: { brokerEventId: true },
    });
    for (const row of rows) known.add(row.brokerEventId);
  }
  const fresh = options.events.filter((event) => !known.has(event.id));
  for (const chunk of chunks(fresh)) {
    await tx.optionEvent.createMany({
      data: chunk.map((event) => ({
        userId: user.id,
        accountId: options.accountId,
        instrumentId: options.instrumentIds.get(contractKey(event.contract)) as string,
        brokerEventId: event.id,
        source: "CSV" as const,
        type:
          event.type === "expiration"
            ? ("EXPIRATION" as const)
            : event.type === "assignment"
              ? ("ASSIGNMENT" as const)
              : ("EXERCISE" as const),
        state: "confirmed",
        quantity: event.quantity,
        eventDate: dateColumn(event.date),
        // The position the event closed, when the file says so (the "S" quantity suffix).
        direction: event.direction ?? null,
        importId: options.importId,
      })),
    });
  }
  return fresh.length;
}
