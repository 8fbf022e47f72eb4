import "server-only";
import { randomUUID } from "node:crypto";
import { dateColumn } from "@/lib/dates/trading-date";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertRows } from "@/lib/server/db/insert-rows";
import { RAW_TABLE_COLUMNS } from "@/lib/server/db/raw-table-columns";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { SnapshotEvent } from "./robinhood-snapshot";
import { rowDiffers } from "./row-differs";

export type WriteEventsOptions = {
  events: SnapshotEvent[];
  voidedEventIds: string[];
  accountIds: Map<string, string>;
  instrumentIds: Map<string, string>;
};

export type WrittenEvents = {
  inserted: { events: number; stockTrades: number };
  updated: number;
  removed: number;
  /** The events stored or changed now (Robinhood lists every event at every sync). */
  written: SnapshotEvent[];
  /**
   * The trading date a changed event had before, by broker id: a change of date touches both days
   * (the recompute replays from the earlier, `recordTouchedBooks`).
   */
  previousDates: Map<string, string>;
};

/**
 * Upserts expirations, assignments and exercises by broker id, with the stock trades of their
 * `equity_components`, and removes events Robinhood has since voided.
 */
export async function writeEvents(
  tx: UserTransaction,
  user: ScopedUser,
  options: WriteEventsOptions,
): Promise<WrittenEvents> {
  const existing = await tx.optionEvent.findMany({
    where: { userId: user.id, brokerEventId: { in: options.events.map((event) => event.brokerEventId) } },
  });
  const stored = new Map(existing.map((row) => [row.brokerEventId, row]));
  const eventIds = new Map(existing.map((row) => [row.brokerEventId, row.id]));

  let updated = 0;
  const fresh: SnapshotEvent[] = [];
  const written: SnapshotEvent[] = [];
  const previousDates = new Map<string, string>();
  for (const event of options.events) {
    const row = stored.get(event.brokerEventId);
    const fields = eventFields(event, options);
    if (!row) {
      fresh.push(event);
      written.push(event);
    } else if (rowDiffers(row, fields)) {
      written.push(event);
      previousDates.set(event.brokerEventId, row.eventDate.toISOString().slice(0, 10));
      // The JSON is refreshed with the columns; it is not compared itself (PostgreSQL reorders keys).
      await tx.optionEvent.update({
        where: { id: row.id },
        data: { ...fields, raw: event.raw as Prisma.InputJsonObject },
      });
      updated += 1;
    }
  }
  for (const event of fresh) eventIds.set(event.brokerEventId, randomUUID());
  const now = new Date();
  await insertRows(
    tx,
    "option_events",
    fresh.map((event) => ({
      ...eventFields(event, options),
      raw: event.raw,
      id: eventIds.get(event.brokerEventId) as string,
      userId: user.id,
      brokerEventId: event.brokerEventId,
      source: "API",
      updatedAt: now,
    })),
    RAW_TABLE_COLUMNS.option_events,
  );

  const trades = options.events.flatMap((event) =>
    event.stockTrades.map((trade) => ({
      trade,
      event,
      eventId: eventIds.get(event.brokerEventId) as string,
    })),
  );
  const knownTrades = await tx.stockTrade.findMany({
    where: { userId: user.id, brokerTradeId: { in: trades.map(({ trade }) => trade.brokerTradeId) } },
    select: { brokerTradeId: true },
  });
  const known = new Set(knownTrades.map((row) => row.brokerTradeId));
  const freshTrades = trades.filter(({ trade }) => !known.has(trade.brokerTradeId));
  for (const { event } of freshTrades) if (!written.includes(event)) written.push(event);
  await insertRows(
    tx,
    "stock_trades",
    freshTrades.map(({ trade, event, eventId }) => ({
      userId: user.id,
      accountId: lookup(options.accountIds, event.accountNumber, "account"),
      eventId,
      brokerTradeId: trade.brokerTradeId,
      kind: "DELIVERY",
      source: "API",
      symbol: trade.symbol,
      side: trade.side,
      quantity: trade.quantity,
      price: trade.price,
      amount: trade.amount,
      tradeDate: trade.tradeDate,
    })),
    RAW_TABLE_COLUMNS.stock_trades,
  );

  let removed = 0;
  if (options.voidedEventIds.length > 0) {
    const voided = { userId: user.id, brokerEventId: { in: options.voidedEventIds } };
    await tx.stockTrade.deleteMany({ where: { userId: user.id, event: voided } });
    removed = (await tx.optionEvent.deleteMany({ where: voided })).count;
  }
  return {
    inserted: { events: fresh.length, stockTrades: freshTrades.length },
    updated,
    removed,
    written,
    previousDates,
  };
}

function eventFields(event: SnapshotEvent, options: WriteEventsOptions) {
  return {
    accountId: lookup(options.accountIds, event.accountNumber, "account"),
    instrumentId: lookup(options.instrumentIds, event.instrumentRobinhoodId, "option instrument"),
    type: event.type,
    state: event.state,
    quantity: event.quantity,
    eventDate: dateColumn(event.eventDate),
    direction: event.direction,
    totalCashAmount: event.totalCashAmount,
    underlyingPrice: event.underlyingPrice,
  };
}

function lookup(ids: Map<string, string>, key: string, what: string): string {
  const id = ids.get(key);
  if (id === undefined) throw new Error(`no stored ${what} for ${key}`);
  return id;
}
