import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recordTouchedBooks } from "@/lib/server/recompute/record-touched-books";

export type AppendFillsOptions = {
  db: Database;
  robinhoodUserId: string;
  count: number;
  /** Trading date of the new fills (`YYYY-MM-DD`), after every fill of the stored history. */
  day: string;
  /** The underlying whose newest contract gets the fills; the user's newest contract when left out. */
  underlying?: string;
  /** Tells apart the broker ids of several appends on one day. */
  round?: number;
};

/**
 * Appends `count` new one-contract sells to open on the user's account and its newest contract, then
 * records the one book they went into and queues the user, in the same transaction, as sync and
 * import record their writes: the next recompute replays only that book's underlying (from its flat
 * cut when it has one).
 */
export async function appendFills(options: AppendFillsOptions): Promise<void> {
  const { db, robinhoodUserId, count, day, underlying, round = 0 } = options;
  await withUserTransaction({ db, robinhoodUserId, purpose: "work" }, async (tx, user) => {
    const account = await tx.brokerAccount.findFirstOrThrow({ where: { userId: user.id } });
    const leg = await tx.optionLeg.findFirstOrThrow({
      where: { userId: user.id, ...(underlying ? { instrument: { underlying } } : {}) },
      orderBy: { instrument: { expirationDate: "desc" } },
    });
    for (let index = 0; index < count; index++) {
      const at = new Date(
        `${day}T15:${String(round % 60).padStart(2, "0")}:${String(index % 60).padStart(2, "0")}Z`,
      );
      const key = `${underlying ?? ""}${day}-${round}-${index}`;
      const order = await tx.optionOrder.create({
        data: {
          userId: user.id,
          accountId: account.id,
          brokerOrderId: `bench-append-${key}`,
          source: "CSV",
          state: "filled",
          chainSymbol: "BENCH",
          quantity: "1",
          processedQuantity: "1",
          brokerCreatedAt: at,
          brokerUpdatedAt: at,
        },
      });
      const appended = await tx.optionLeg.create({
        data: {
          userId: user.id,
          orderId: order.id,
          brokerLegId: `bench-append-leg-${key}`,
          instrumentId: leg.instrumentId,
          side: "SELL",
          positionEffect: "OPEN",
        },
      });
      await tx.optionExecution.create({
        data: {
          userId: user.id,
          legId: appended.id,
          brokerExecutionId: `bench-append-fill-${key}`,
          price: "1.25",
          quantity: "1",
          fees: "0.03",
          executedAt: at,
          tradeDate: new Date(`${day}T00:00:00Z`),
        },
      });
    }
    // As an import records them: the one book the fills went into.
    await recordTouchedBooks(tx, user, [
      { accountId: account.id, instrumentId: leg.instrumentId, fromDay: day },
    ]);
    await markInputsChanged(tx, user, { full: false });
  });
}
