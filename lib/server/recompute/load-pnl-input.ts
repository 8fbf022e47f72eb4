import "server-only";
import { isoDate } from "@/lib/dates/trading-date";
import type { OptionInstrument } from "@/lib/generated/prisma/client";
import { contractKey, type OptionContract, type PnlInput } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { CSV_ORDER_PREFIX } from "@/lib/server/imports/csv-ids";

export type LoadedPnlInput = {
  input: PnlInput;
  /** Instrument id of every contract the input mentions, by `contractKey`. */
  instrumentIds: Map<string, string>;
  /** Newest change among the inputs, recorded on the recompute run. */
  watermark: Date | null;
};

export type LoadPnlInputOptions = { userId: string; asOf: string };

/**
 * The first trading date of the history synced from Robinhood, or null before any sync. From that
 * date on the synced history is the source of truth: imported fills and events dated on or after it
 * describe the same trades again (under other ids) and are left out, so nothing counts twice
 * whichever arrived first. Imports still supply everything older.
 */
async function firstSyncedTradeDate(tx: UserTransaction, userId: string): Promise<Date | null> {
  const first = await tx.optionExecution.findFirst({
    where: { userId, leg: { order: { source: "API" } } },
    orderBy: { tradeDate: "asc" },
    select: { tradeDate: true },
  });
  return first?.tradeDate ?? null;
}

/**
 * Reads a user's executions, lifecycle events and latest marks and maps them to the engine's input.
 * Runs inside a user transaction, so row-level security scopes every read as well as the filter.
 */
export async function loadPnlInput(
  tx: UserTransaction,
  options: LoadPnlInputOptions,
): Promise<LoadedPnlInput> {
  const { userId, asOf } = options;
  const syncedFrom = await firstSyncedTradeDate(tx, userId);
  const [executions, events] = await Promise.all([
    tx.optionExecution.findMany({
      where: {
        userId,
        ...(syncedFrom && { OR: [{ leg: { order: { source: "API" } } }, { tradeDate: { lt: syncedFrom } }] }),
      },
      include: { leg: { include: { order: true, instrument: true } } },
      orderBy: [{ executedAt: "asc" }, { brokerExecutionId: "asc" }],
    }),
    tx.optionEvent.findMany({
      where: { userId, ...(syncedFrom && { OR: [{ source: "API" }, { eventDate: { lt: syncedFrom } }] }) },
      include: { instrument: true },
      orderBy: [{ eventDate: "asc" }, { brokerEventId: "asc" }],
    }),
  ]);

  const contracts = new Map<string, { contract: OptionContract; key: string }>();
  const instrumentIds = new Map<string, string>();
  const contractOf = (instrument: OptionInstrument) => {
    let known = contracts.get(instrument.id);
    if (!known) {
      const contract: OptionContract = {
        underlying: instrument.underlying,
        expiration: isoDate(instrument.expirationDate),
        strike: instrument.strikePrice.toString(),
        optionType: instrument.optionType === "CALL" ? "call" : "put",
        multiplier: instrument.multiplier.toString(),
      };
      known = { contract, key: contractKey(contract) };
      contracts.set(instrument.id, known);
      instrumentIds.set(known.key, instrument.id);
    }
    return known.contract;
  };

  let watermark: Date | null = null;
  const seen = (at: Date) => {
    if (!watermark || at > watermark) watermark = at;
  };

  const input: PnlInput = {
    asOf,
    executions: executions.map((execution) => {
      const { leg } = execution;
      seen(execution.createdAt);
      return {
        id: execution.brokerExecutionId,
        accountId: leg.order.accountId,
        orderId: leg.order.brokerOrderId.startsWith(CSV_ORDER_PREFIX) ? null : leg.order.brokerOrderId,
        legId: leg.brokerLegId,
        contract: contractOf(leg.instrument),
        side: leg.side === "BUY" ? "buy" : "sell",
        positionEffect: leg.positionEffect === "OPEN" ? "open" : "close",
        quantity: execution.quantity.toString(),
        price: execution.price.toString(),
        fees: execution.fees.toString(),
        executedAt: execution.executedAt.toISOString(),
        tradeDate: isoDate(execution.tradeDate),
      };
    }),
    events: events.map((event) => {
      seen(event.updatedAt);
      return {
        id: event.brokerEventId,
        accountId: event.accountId,
        type:
          event.type === "EXPIRATION"
            ? "expiration"
            : event.type === "ASSIGNMENT"
              ? "assignment"
              : "exercise",
        contract: contractOf(event.instrument),
        quantity: event.quantity.toString(),
        date: isoDate(event.eventDate),
        // Imports record which position an event closed; synced events keep Robinhood's own wording.
        direction: event.direction === "long" || event.direction === "short" ? event.direction : null,
      };
    }),
    marks: {},
  };

  const instruments = [...contracts.keys()];
  if (instruments.length > 0) {
    const marks = await tx.$queryRaw<{ instrument_id: string; mark_price: string }[]>`
      SELECT DISTINCT ON (instrument_id) instrument_id::text, mark_price::text
      FROM option_marks WHERE instrument_id = ANY(${instruments}::uuid[])
      ORDER BY instrument_id, as_of DESC`;
    const marksByKey: Record<string, string> = {};
    for (const mark of marks) {
      const known = contracts.get(mark.instrument_id);
      if (known) marksByKey[known.key] = mark.mark_price;
    }
    input.marks = marksByKey;
  }

  return { input, instrumentIds, watermark };
}
