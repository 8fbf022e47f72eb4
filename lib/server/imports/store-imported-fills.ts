import "server-only";
import { dateColumn } from "@/lib/dates/trading-date";
import { formatQuantity, parseDecimal, sum } from "@/lib/money";
import { contractKey, type PnlExecution } from "@/lib/pnl";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chunks } from "@/lib/server/sync/row-differs";
import { CSV_ORDER_PREFIX } from "./csv-ids";
import { findInChunks } from "./find-in-chunks";

export type StoreExecutionsOptions = {
  accountId: string;
  importId: string;
  executions: PnlExecution[];
  instrumentIds: Map<string, string>;
};

/** One order per order id (or per fill, when the file names none), one leg per leg id or fill. */
export async function storeExecutions(
  tx: UserTransaction,
  user: ScopedUser,
  options: StoreExecutionsOptions,
) {
  const stored = await findInChunks(
    options.executions.map((execution) => execution.id),
    (chunk) =>
      tx.optionExecution.findMany({
        where: { userId: user.id, brokerExecutionId: { in: chunk } },
        select: { brokerExecutionId: true },
      }),
  );
  const known = new Set(stored.map((row) => row.brokerExecutionId));
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
  const brokerOrderIds = [...options.orders.keys()];
  const stored = await findInChunks(brokerOrderIds, (chunk) =>
    tx.optionOrder.findMany({
      where: { userId: user.id, brokerOrderId: { in: chunk } },
      select: { id: true, brokerOrderId: true },
    }),
  );
  const ids = new Map(stored.map((row) => [row.brokerOrderId, row.id]));
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
  const brokerLegIds = [...legs.keys()];
  const stored = await findInChunks(brokerLegIds, (chunk) =>
    tx.optionLeg.findMany({
      where: { userId: user.id, brokerLegId: { in: chunk } },
      select: { id: true, brokerLegId: true },
    }),
  );
  const ids = new Map(stored.map((row) => [row.brokerLegId, row.id]));
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
