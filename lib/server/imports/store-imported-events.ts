import "server-only";
import { contractKey, type LifecycleType, type PnlLifecycleEvent } from "@/lib/pnl";
import { insertRows } from "@/lib/server/db/insert-rows";
import { RAW_TABLE_COLUMNS } from "@/lib/server/db/raw-table-columns";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";
import { findStoredIds } from "./find-stored-ids";

const EVENT_TYPES: Record<LifecycleType, string> = {
  expiration: "EXPIRATION",
  assignment: "ASSIGNMENT",
  exercise: "EXERCISE",
};

/** Stores the events not yet known by their ids; returns how many were new. */
export async function storeEvents(
  tx: SqlRunner,
  user: ScopedUser,
  options: {
    accountId: string;
    importId: string;
    events: PnlLifecycleEvent[];
    instrumentIds: Map<string, string>;
  },
) {
  const known = await findStoredIds(
    tx,
    "option_events",
    "broker_event_id",
    user.id,
    options.events.map((event) => event.id),
  );
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
      // What the file charged on the delivered stock (its stock row's Amount against price × quantity).
      stockFees: event.stockFees ?? "0",
      importId: options.importId,
      updatedAt: now,
    })),
    RAW_TABLE_COLUMNS.option_events,
  );
  return fresh.length;
}
