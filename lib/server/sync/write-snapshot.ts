import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import {
  type ScopedUser,
  type UserTransaction,
  withUserTransaction,
} from "@/lib/server/db/with-user-transaction";
import { marketDataSourceOf } from "@/lib/server/marks/market-data-source";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recordTouchedBooks, type TouchedBook } from "@/lib/server/recompute/record-touched-books";
import { refreshInputStatistics } from "@/lib/server/recompute/refresh-input-statistics";
import type { ProgressReporter } from "./report-progress";
import type { RobinhoodSnapshot } from "./robinhood-snapshot";
import { emptyCounts, type SyncCounts } from "./sync-types";
import { recordSyncSuccess } from "./update-sync-state";
import { writeEvents } from "./write-events";
import { writeInstruments } from "./write-instruments";
import { writeOrders } from "./write-orders";
import { writeStockFills } from "./write-stock-fills";
import { writeStockMarks } from "./write-stock-marks";

export type WriteSnapshotOptions = {
  db?: Database;
  robinhoodUserId: string;
  snapshot: RobinhoodSnapshot;
  progress: ProgressReporter;
};

export type WrittenSnapshot = {
  userId: string;
  finishedAt: Date;
  ordersWatermark: Date | null;
  stockOrdersWatermark: Date | null;
  inserted: SyncCounts;
  removedEvents: number;
};

/**
 * Writes a whole snapshot in ONE user transaction: accounts, contracts and marks, orders with their
 * legs and executions, events with their stock trades, equity-order fills and stock marks, the recompute-queue entry and the sync's
 * success with its new watermark. Either all of it commits or none of it does.
 */
export async function writeSnapshot(options: WriteSnapshotOptions): Promise<WrittenSnapshot> {
  const { snapshot, progress } = options;
  await progress.update({ phase: "writing" }, { persist: false });
  return withUserTransaction(
    { db: options.db, robinhoodUserId: options.robinhoodUserId, purpose: "work", timeoutMs: 120_000 },
    async (tx, user) => {
      const accounts = await writeAccounts(tx, user, snapshot);
      const marketData = await marketDataSourceOf(tx, user);
      const instruments = await writeInstruments(tx, snapshot, marketData);
      const orders = await writeOrders(tx, user, {
        orders: snapshot.orders,
        accountIds: accounts.ids,
        instrumentIds: instruments.ids,
      });
      const events = await writeEvents(tx, user, {
        events: snapshot.events,
        voidedEventIds: snapshot.voidedEventIds,
        accountIds: accounts.ids,
        instrumentIds: instruments.ids,
      });
      const stockFills = await writeStockFills(tx, user, {
        fills: snapshot.stockFills,
        accountIds: accounts.ids,
      });
      const stockMarks = await writeStockMarks(tx, snapshot.stockMarks, marketData);
      // The books of every order and equity fill the snapshot brings (its overlap included: more than
      // changed, never less) and of every event stored or changed now (Robinhood lists all events at
      // every sync), so the recompute replays only their underlyings; marks are compared by the
      // recompute itself. A voided event's book is gone from the snapshot: removing one asks for a
      // full replay.
      await recordTouchedBooks(tx, user, snapshotBooks(snapshot, events, accounts.ids, instruments.ids));
      await markInputsChanged(tx, user, { full: events.removed > 0 });
      await refreshInputStatistics(tx, user, {
        option_orders: orders.inserted.orders,
        option_legs: orders.inserted.legs,
        option_executions: orders.inserted.executions,
        option_events: events.inserted.events,
        stock_trades: events.inserted.stockTrades + stockFills.inserted,
      });

      const finishedAt = new Date();
      const done = { ...progress.current(), phase: "succeeded" as const };
      const state = await recordSyncSuccess(tx, user, {
        finishedAt,
        progress: done,
        newestOrderUpdate: snapshot.newestOrderUpdate,
        newestEventUpdate: snapshot.newestEventUpdate,
        newestStockOrderUpdate: snapshot.newestStockOrderUpdate,
      });
      return {
        userId: user.id,
        finishedAt,
        ordersWatermark: state.ordersWatermark,
        stockOrdersWatermark: state.stockOrdersWatermark,
        inserted: {
          ...emptyCounts(),
          accounts: accounts.inserted,
          ...orders.inserted,
          ...events.inserted,
          instruments: instruments.inserted,
          marks: instruments.marksInserted,
          stockFills: stockFills.inserted,
          stockMarks,
        },
        removedEvents: events.removed,
      };
    },
  );
}

function* snapshotBooks(
  snapshot: RobinhoodSnapshot,
  events: { written: RobinhoodSnapshot["events"]; previousDates: Map<string, string> },
  accountIds: Map<string, string>,
  instrumentIds: Map<string, string>,
): Generator<TouchedBook> {
  // Each with the earliest trading date written there; an order's, its earliest fill's (an order
  // without fills changes no fill: "infinity").
  const option = (accountNumber: string, instrumentRobinhoodId: string, fromDay: string): TouchedBook => ({
    accountId: accountIds.get(accountNumber) as string,
    instrumentId: instrumentIds.get(instrumentRobinhoodId) as string,
    fromDay,
  });
  for (const order of snapshot.orders) {
    let fromDay = "infinity";
    for (const leg of order.legs)
      for (const execution of leg.executions)
        if (execution.tradeDate < fromDay) fromDay = execution.tradeDate;
    for (const leg of order.legs) yield option(order.accountNumber, leg.instrumentRobinhoodId, fromDay);
  }
  for (const event of events.written) {
    const before = events.previousDates.get(event.brokerEventId);
    const fromDay = before !== undefined && before < event.eventDate ? before : event.eventDate;
    yield option(event.accountNumber, event.instrumentRobinhoodId, fromDay);
    const accountId = accountIds.get(event.accountNumber) as string;
    for (const trade of event.stockTrades)
      yield { accountId, symbol: trade.symbol, fromDay: trade.tradeDate };
  }
  for (const fill of snapshot.stockFills)
    yield {
      accountId: accountIds.get(fill.accountNumber) as string,
      symbol: fill.symbol,
      fromDay: fill.tradeDate,
    };
}

/** Accounts from `/accounts/`, plus any account an order or event names that the list left out. */
async function writeAccounts(tx: UserTransaction, user: ScopedUser, snapshot: RobinhoodSnapshot) {
  const types = new Map<string, string | null>();
  for (const order of snapshot.orders) types.set(order.accountNumber, null);
  for (const event of snapshot.events) types.set(event.accountNumber, null);
  for (const fill of snapshot.stockFills) types.set(fill.accountNumber, null);
  for (const account of snapshot.accounts) types.set(account.accountNumber, account.accountType);

  const existing = await tx.brokerAccount.findMany({
    where: { userId: user.id, accountNumber: { in: [...types.keys()] } },
    select: { accountNumber: true },
  });
  const known = new Set(existing.map((row) => row.accountNumber));
  const ids = new Map<string, string>();
  for (const [accountNumber, accountType] of types) {
    const row = await tx.brokerAccount.upsert({
      where: { userId_accountNumber: { userId: user.id, accountNumber } },
      create: { userId: user.id, accountNumber, accountType },
      update: accountType === null ? {} : { accountType },
      select: { id: true },
    });
    ids.set(accountNumber, row.id);
  }
  return { ids, inserted: [...types.keys()].filter((number) => !known.has(number)).length };
}
