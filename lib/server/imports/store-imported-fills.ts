import "server-only";
import { randomUUID } from "node:crypto";
import { formatQuantity, parseDecimal, sum } from "@/lib/money";
import { contractKey, type PnlExecution } from "@/lib/pnl";
import { insertRows } from "@/lib/server/db/insert-rows";
import { RAW_TABLE_COLUMNS } from "@/lib/server/db/raw-table-columns";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";
import { CSV_ORDER_PREFIX } from "./csv-ids";
import { findStoredIds } from "./find-stored-ids";

export type StoreExecutionsOptions = {
  accountId: string;
  importId: string;
  executions: PnlExecution[];
  instrumentIds: Map<string, string>;
};

/** One order per order id (or per fill, when the file names none), one leg per leg id or fill. */
export async function storeExecutions(tx: SqlRunner, user: ScopedUser, options: StoreExecutionsOptions) {
  const known = await findStoredIds(
    tx,
    "option_executions",
    "broker_execution_id",
    user.id,
    options.executions.map((execution) => execution.id),
  );
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
  await insertRows(
    tx,
    "option_executions",
    fresh.map((execution) => ({
      userId: user.id,
      legId: legIds.get(legOf(execution)) as string,
      brokerExecutionId: execution.id,
      price: execution.price,
      quantity: execution.quantity,
      fees: execution.fees,
      executedAt: new Date(execution.executedAt),
      tradeDate: execution.tradeDate,
    })),
    RAW_TABLE_COLUMNS.option_executions,
  );
  return fresh.length;
}

async function upsertOrders(
  tx: SqlRunner,
  user: ScopedUser,
  options: StoreExecutionsOptions & { orders: Map<string, PnlExecution[]> },
) {
  const brokerOrderIds = [...options.orders.keys()];
  const ids = await findStoredIds(tx, "option_orders", "broker_order_id", user.id, brokerOrderIds);
  const now = new Date();
  const fresh = brokerOrderIds.filter((id) => !ids.has(id));
  // Ids are made here, so the legs can point at their orders without reading them back.
  for (const brokerOrderId of fresh) ids.set(brokerOrderId, randomUUID());
  await insertRows(
    tx,
    "option_orders",
    fresh.map((brokerOrderId) => {
      const fills = options.orders.get(brokerOrderId) as PnlExecution[];
      const first = fills[0] as PnlExecution;
      const executedAt = new Date(first.executedAt);
      // An order's quantity is per leg: the fills of its first leg add up to it.
      const quantity = formatQuantity(
        sum(fills.filter((fill) => fill.legId === first.legId).map((fill) => parseDecimal(fill.quantity))),
      );
      return {
        id: ids.get(brokerOrderId) as string,
        userId: user.id,
        accountId: options.accountId,
        brokerOrderId,
        source: "CSV",
        state: "filled",
        chainSymbol: first.contract.underlying,
        quantity,
        processedQuantity: quantity,
        importId: options.importId,
        brokerCreatedAt: executedAt,
        brokerUpdatedAt: executedAt,
        updatedAt: now,
      };
    }),
    RAW_TABLE_COLUMNS.option_orders,
  );
  return ids;
}

async function upsertLegs(
  tx: SqlRunner,
  user: ScopedUser,
  legs: Map<string, { orderId: string; first: PnlExecution }>,
  instrumentIds: Map<string, string>,
) {
  const brokerLegIds = [...legs.keys()];
  const ids = await findStoredIds(tx, "option_legs", "broker_leg_id", user.id, brokerLegIds);
  const fresh = brokerLegIds.filter((id) => !ids.has(id));
  for (const brokerLegId of fresh) ids.set(brokerLegId, randomUUID());
  await insertRows(
    tx,
    "option_legs",
    fresh.map((brokerLegId) => {
      const { orderId, first } = legs.get(brokerLegId) as { orderId: string; first: PnlExecution };
      return {
        id: ids.get(brokerLegId) as string,
        userId: user.id,
        orderId,
        brokerLegId,
        instrumentId: instrumentIds.get(contractKey(first.contract)) as string,
        side: first.side === "buy" ? "BUY" : "SELL",
        positionEffect: first.positionEffect === "open" ? "OPEN" : "CLOSE",
      };
    }),
    RAW_TABLE_COLUMNS.option_legs,
  );
  return ids;
}
