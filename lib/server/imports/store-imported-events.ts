import "server-only";
import { contractKey, type LifecycleType, type PnlLifecycleEvent } from "@/lib/pnl";
import { insertRows } from "@/lib/server/db/insert-rows";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import { findInChunks } from "./find-in-chunks";

const EVENT_TYPES: Record<LifecycleType, string> = {
  expiration: "EXPIRATION",
  assignment: "ASSIGNMENT",
  exercise: "EXERCISE",
};

/** Stores the events not yet known by their ids; returns how many were new. */
export async function storeEvents(
  tx: UserTransaction,
  user: ScopedUser,
  options: {
    accountId: string;
    importId: string;
    events: PnlLifecycleEvent[];
    instrumentIds: Map<string, string>;
  },
) {
  const stored = await findInChunks(
    options.events.map((event) => event.id),
    (chunk) =>
      tx.optionEvent.findMany({
        where: { userId: user.id, brokerEventId: { in: chunk } },
        select: { brokerEventId: true },
      }),
  );
  const known = new Set(stored.map((row) => row.brokerEventId));
  const now = new Date();
  const fresh = options.events.filter((event) => !known.has(event.id));
  await insertRows(
    tx,
    "option_events",
    fresh.map((event) => ({
      userId: user.id,
      accountId: options.accountId,
      instrumentId: options.instrumentIds.get(contractKey(event.contract)) as string,
      brokerEventId: event.id,
      source: "CSV",
      type: EVENT_TYPES[event.type],
      state: "confirmed",
      quantity: event.quantity,
      eventDate: event.date,
      // The position the event closed, when the file says so (the "S" quantity suffix).
      direction: event.direction ?? null,
      importId: options.importId,
      updatedAt: now,
    })),
    {
      userId: "uuid",
      accountId: "uuid",
      instrumentId: "uuid",
      brokerEventId: "text",
      source: '"DataSource"',
      type: '"OptionEventType"',
      state: "text",
      quantity: "numeric",
      eventDate: "date",
      direction: "text",
      importId: "uuid",
      updatedAt: "timestamptz",
    },
  );
  return fresh.length;
}
