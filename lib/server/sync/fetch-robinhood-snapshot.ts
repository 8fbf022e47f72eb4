import "server-only";
import { isoDate } from "@/lib/dates/trading-date";
import { isDemoRobinhoodUserId } from "@/lib/identity/demo-id";
import { RobinhoodError, type RobinhoodSession } from "@/lib/robinhood/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";
import type { SyncStart } from "./begin-sync";
import { fetchInstruments } from "./fetch-instruments";
import { fetchMarks } from "./fetch-marks";
import { fetchStockFills } from "./fetch-stock-fills";
import { fetchStockMarks } from "./fetch-stock-marks";
import { mapEvent } from "./map-event";
import { mapOrder } from "./map-order";
import type { ProgressReporter } from "./report-progress";
import type { RobinhoodSnapshot, SnapshotEvent, SnapshotOrder } from "./robinhood-snapshot";

export type FetchRobinhoodSnapshotOptions = {
  session: RobinhoodSession;
  robinhoodUserId: string;
  start: SyncStart;
  overlapMinutes: number;
  /** Trading date of "now" (`YYYY-MM-DD`): contracts expiring before it get no marks. */
  today: string;
  progress: ProgressReporter;
  db?: Database;
};

/**
 * The network phase of a sync: reads everything it will write, and writes nothing. Any failure
 * (after the client's retries) rejects, and the caller commits nothing.
 */
export async function fetchRobinhoodSnapshot(
  options: FetchRobinhoodSnapshotOptions,
): Promise<RobinhoodSnapshot> {
  const { session, start, progress } = options;
  await progress.update({ phase: "accounts" });
  const robinhoodUser = await session.getUser();
  // A demo identity (`demo:<uuid>`) is no Robinhood user: its session is the simulated demo trader's,
  // opened from the demo account's own credential, and every visitor's demo syncs that same trader.
  const demo = isDemoRobinhoodUserId(options.robinhoodUserId);
  if (!demo && robinhoodUser.id.toLowerCase() !== options.robinhoodUserId.trim().toLowerCase()) {
    throw new RobinhoodError({
      code: "forbidden",
      message: "the session belongs to a different Robinhood user than the one being synced",
      userMessage: "This Robinhood session belongs to a different Robinhood user. Sign in again.",
    });
  }
  const accounts = await session.listAccounts();
  await progress.update({ accounts: accounts.length, phase: "orders" });

  const ordersUpdatedSince = start.ordersWatermark
    ? new Date(start.ordersWatermark.getTime() - options.overlapMinutes * 60_000)
    : null;
  const orders = new Map<string, SnapshotOrder>();
  let pages = 0;
  for (const account of accounts) {
    const known = start.knownAccountNumbers.has(account.account_number);
    const updatedSince = known && ordersUpdatedSince ? ordersUpdatedSince : undefined;
    for await (const page of session.optionOrderPages({
      accountNumber: account.account_number,
      updatedSince,
    })) {
      for (const order of page) orders.set(order.id, mapOrder(order, account.account_number));
      pages += 1;
      await progress.update({ orderPages: pages, orders: orders.size });
    }
  }

  await progress.update({ phase: "stock-orders" });
  const stockOrdersUpdatedSince = start.stockOrdersWatermark
    ? new Date(start.stockOrdersWatermark.getTime() - options.overlapMinutes * 60_000)
    : null;
  const stock = await fetchStockFills({
    session,
    accountNumbers: accounts.map((account) => account.account_number),
    knownAccountNumbers: start.knownAccountNumbers,
    updatedSince: stockOrdersUpdatedSince,
    progress,
  });

  await progress.update({ phase: "events" });
  const events = new Map<string, SnapshotEvent>();
  const voidedEventIds: string[] = [];
  let newestEventUpdate: Date | null = null;
  for (const account of accounts) {
    for (const event of await session.listOptionEvents({ accountNumber: account.account_number })) {
      const mapped = mapEvent(event, account.account_number);
      if (mapped) events.set(mapped.brokerEventId, mapped);
      else voidedEventIds.push(event.id);
      const updatedAt = new Date(event.updated_at);
      if (!newestEventUpdate || updatedAt > newestEventUpdate) newestEventUpdate = updatedAt;
    }
  }
  await progress.update({ events: events.size, phase: "instruments" });

  const referenced = new Set<string>();
  for (const order of orders.values())
    for (const leg of order.legs) referenced.add(leg.instrumentRobinhoodId);
  for (const event of events.values()) referenced.add(event.instrumentRobinhoodId);
  const referencedInstrumentIds = [...referenced];
  // Contracts are public reference data (no row-level security): an earlier sync of anyone may have
  // stored them already, and they never change.
  const stored = await (options.db ?? getDb()).optionInstrument.findMany({
    where: { robinhoodId: { in: referencedInstrumentIds } },
    select: { robinhoodId: true, expirationDate: true, underlying: true },
  });
  const storedIds = new Set(stored.map((instrument) => instrument.robinhoodId));
  const instruments = await fetchInstruments(
    session,
    referencedInstrumentIds.filter((id) => !storedIds.has(id)),
  );
  await progress.update({ instruments: instruments.length, phase: "marks" });

  const live = new Set(start.liveInstrumentIds);
  const liveUnderlyings = new Set(start.liveUnderlyings);
  for (const instrument of stored) {
    if (instrument.robinhoodId && isoDate(instrument.expirationDate) >= options.today) {
      live.add(instrument.robinhoodId);
      liveUnderlyings.add(instrument.underlying);
    }
  }
  for (const instrument of instruments) {
    if (instrument.expirationDate >= options.today) {
      live.add(instrument.robinhoodId);
      liveUnderlyings.add(instrument.underlying);
    }
  }
  const marks = await fetchMarks(session, [...live]);
  // Every symbol with shares traded or delivered, stored or new: the engine uses the marks of those
  // still held, and which those are is the engine's to say. And the underlying of every contract
  // that has not expired, shares or not: an open option's distance to its strike, its assignment
  // risk and its delta in dollars all need the stock's price.
  const stockMarks = await fetchStockMarks(session, [
    ...liveUnderlyings,
    ...start.stockSymbols,
    ...stock.fills.map((fill) => fill.symbol),
    ...[...events.values()].flatMap((event) => event.stockTrades.map((trade) => trade.symbol)),
  ]);
  await progress.update({ marks: marks.length });

  const orderList = [...orders.values()];
  return {
    accounts: accounts.map((account) => ({
      accountNumber: account.account_number,
      accountType: account.type,
    })),
    orders: orderList,
    events: [...events.values()],
    voidedEventIds,
    instruments,
    referencedInstrumentIds,
    marks,
    stockFills: stock.fills,
    stockOrderCount: stock.orderCount,
    stockMarks,
    stockOrdersUpdatedSince,
    newestStockOrderUpdate: stock.newestOrderUpdate,
    ordersUpdatedSince,
    newestOrderUpdate: orderList.reduce<Date | null>(
      (newest, order) => (!newest || order.brokerUpdatedAt > newest ? order.brokerUpdatedAt : newest),
      null,
    ),
    newestEventUpdate,
  };
}
