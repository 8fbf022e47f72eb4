import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertRows } from "@/lib/server/db/insert-rows";
import { RAW_TABLE_COLUMNS } from "@/lib/server/db/raw-table-columns";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { SnapshotExecution, SnapshotLeg, SnapshotOrder } from "./robinhood-snapshot";
import { rowDiffers } from "./row-differs";

export type WriteOrdersOptions = {
  orders: SnapshotOrder[];
  accountIds: Map<string, string>;
  instrumentIds: Map<string, string>;
};

export type WrittenOrders = {
  inserted: { orders: number; legs: number; executions: number };
  updated: { orders: number; executions: number };
};

/**
 * Upserts orders, legs and executions by their broker ids (unique per user), so re-syncing the
 * overlap or the whole history never duplicates anything. New rows go in with one statement per
 * chunk; existing rows are updated only where Robinhood changed them (an order's state and fills, an
 * execution's fee share once more fills arrive).
 */
export async function writeOrders(
  tx: UserTransaction,
  user: ScopedUser,
  options: WriteOrdersOptions,
): Promise<WrittenOrders> {
  const orderIds = await upsertOrders(tx, user, options);
  const legs = options.orders.flatMap((order) =>
    order.legs.map((leg) => ({ leg, orderId: orderIds.ids.get(order.brokerOrderId) as string })),
  );
  const legIds = await insertLegs(tx, user, legs, options.instrumentIds);
  const executions = legs.flatMap(({ leg }) =>
    leg.executions.map((execution) => ({ execution, legId: legIds.ids.get(leg.brokerLegId) as string })),
  );
  const fills = await upsertExecutions(tx, user, executions);
  return {
    inserted: { orders: orderIds.inserted, legs: legIds.inserted, executions: fills.inserted },
    updated: { orders: orderIds.updated, executions: fills.updated },
  };
}

function orderFields(order: SnapshotOrder) {
  return {
    state: order.state,
    chainSymbol: order.chainSymbol,
    direction: order.direction,
    orderType: order.orderType,
    quantity: order.quantity,
    processedQuantity: order.processedQuantity,
    limitPrice: order.limitPrice,
    premium: order.premium,
    processedPremium: order.processedPremium,
    netAmount: order.netAmount,
    regulatoryFees: order.regulatoryFees,
    contractFees: order.contractFees,
    openingStrategy: order.openingStrategy,
    closingStrategy: order.closingStrategy,
    formSource: order.formSource,
    brokerCreatedAt: order.brokerCreatedAt,
    brokerUpdatedAt: order.brokerUpdatedAt,
  };
}

async function upsertOrders(tx: UserTransaction, user: ScopedUser, options: WriteOrdersOptions) {
  const existing = await tx.optionOrder.findMany({
    where: { userId: user.id, brokerOrderId: { in: options.orders.map((order) => order.brokerOrderId) } },
  });
  const stored = new Map(existing.map((row) => [row.brokerOrderId, row]));
  const ids = new Map(existing.map((row) => [row.brokerOrderId, row.id]));
  let updated = 0;
  const fresh: SnapshotOrder[] = [];
  for (const order of options.orders) {
    const row = stored.get(order.brokerOrderId);
    if (!row) {
      fresh.push(order);
    } else if (rowDiffers(row, orderFields(order))) {
      // The JSON is refreshed with the columns; it is not compared itself (PostgreSQL reorders keys).
      await tx.optionOrder.update({
        where: { id: row.id },
        data: { ...orderFields(order), raw: order.raw as Prisma.InputJsonObject },
      });
      updated += 1;
    }
  }
  // Ids are made here, so legs can point at their orders without reading them back.
  for (const order of fresh) ids.set(order.brokerOrderId, randomUUID());
  const now = new Date();
  await insertRows(
    tx,
    "option_orders",
    fresh.map((order) => ({
      ...orderFields(order),
      raw: order.raw,
      id: ids.get(order.brokerOrderId) as string,
      userId: user.id,
      accountId: required(options.accountIds, order.accountNumber, "account"),
      brokerOrderId: order.brokerOrderId,
      source: "API",
      updatedAt: now,
    })),
    RAW_TABLE_COLUMNS.option_orders,
  );
  return { ids, inserted: fresh.length, updated };
}

/** Legs never change once placed: new ones are inserted, known ones left alone. */
async function insertLegs(
  tx: UserTransaction,
  user: ScopedUser,
  legs: { leg: SnapshotLeg; orderId: string }[],
  instrumentIds: Map<string, string>,
) {
  const existing = await tx.optionLeg.findMany({
    where: { userId: user.id, brokerLegId: { in: legs.map(({ leg }) => leg.brokerLegId) } },
    select: { id: true, brokerLegId: true },
  });
  const ids = new Map(existing.map((row) => [row.brokerLegId, row.id]));
  const fresh = legs.filter(({ leg }) => !ids.has(leg.brokerLegId));
  for (const { leg } of fresh) ids.set(leg.brokerLegId, randomUUID());
  await insertRows(
    tx,
    "option_legs",
    fresh.map(({ leg, orderId }) => ({
      id: ids.get(leg.brokerLegId) as string,
      userId: user.id,
      orderId,
      brokerLegId: leg.brokerLegId,
      instrumentId: required(instrumentIds, leg.instrumentRobinhoodId, "option instrument"),
      side: leg.side,
      positionEffect: leg.positionEffect,
      ratioQuantity: leg.ratioQuantity,
    })),
    RAW_TABLE_COLUMNS.option_legs,
  );
  return { ids, inserted: fresh.length };
}

async function upsertExecutions(
  tx: UserTransaction,
  user: ScopedUser,
  executions: { execution: SnapshotExecution; legId: string }[],
) {
  const existing = await tx.optionExecution.findMany({
    where: {
      userId: user.id,
      brokerExecutionId: { in: executions.map(({ execution }) => execution.brokerExecutionId) },
    },
    select: { id: true, brokerExecutionId: true, fees: true },
  });
  const stored = new Map(existing.map((row) => [row.brokerExecutionId, row]));
  let updated = 0;
  const fresh: typeof executions = [];
  for (const item of executions) {
    const row = stored.get(item.execution.brokerExecutionId);
    if (!row) {
      fresh.push(item);
    } else if (rowDiffers(row, { fees: item.execution.fees })) {
      await tx.optionExecution.update({ where: { id: row.id }, data: { fees: item.execution.fees } });
      updated += 1;
    }
  }
  await insertRows(
    tx,
    "option_executions",
    fresh.map(({ execution, legId }) => ({
      userId: user.id,
      legId,
      brokerExecutionId: execution.brokerExecutionId,
      price: execution.price,
      quantity: execution.quantity,
      fees: execution.fees,
      executedAt: execution.executedAt,
      tradeDate: execution.tradeDate,
      settlementDate: execution.settlementDate,
    })),
    RAW_TABLE_COLUMNS.option_executions,
  );
  return { inserted: fresh.length, updated };
}

function required(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`no stored ${what} for ${key}`);
  return id;
}
