import "server-only";
import { dateColumn } from "@/lib/dates/trading-date";
import { contractKey, type PnlLifecycleEvent } from "@/lib/pnl";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import { chunks } from "@/lib/server/sync/row-differs";
import { findInChunks } from "./find-in-chunks";

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
