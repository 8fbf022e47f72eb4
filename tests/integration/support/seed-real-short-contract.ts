import { dateColumn } from "@/lib/dates/trading-date";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";

/** A real (not demo) Robinhood user id, for tests that set a real trader beside demo visitors. */
export const REAL_TRADER = "3f1c2a9e-5b7d-4e21-9a0c-7d4e8b6f1a23";

/**
 * Gives the real trader one contract of `instrumentId` sold to open at 1.00 on 2026-11-10 and
 * still open, and queues their recompute: the smallest history whose recompute reads a mark.
 */
export async function seedRealShortContract(db: Database, instrumentId: string): Promise<void> {
  await withUserTransaction({ db, robinhoodUserId: REAL_TRADER, purpose: "sign-in" }, async (tx, user) => {
    const account = await tx.brokerAccount.create({ data: { userId: user.id, accountNumber: "REAL0001" } });
    const at = new Date("2026-11-10T15:00:00Z");
    const order = await tx.optionOrder.create({
      data: {
        userId: user.id,
        accountId: account.id,
        brokerOrderId: "real-order-1",
        source: "API",
        state: "filled",
        chainSymbol: "X",
        quantity: "1",
        processedQuantity: "1",
        brokerCreatedAt: at,
        brokerUpdatedAt: at,
      },
    });
    const leg = await tx.optionLeg.create({
      data: {
        userId: user.id,
        orderId: order.id,
        brokerLegId: "real-leg-1",
        instrumentId,
        side: "SELL",
        positionEffect: "OPEN",
      },
    });
    await tx.optionExecution.create({
      data: {
        userId: user.id,
        legId: leg.id,
        brokerExecutionId: "real-ex-1",
        price: "1.00",
        quantity: "1",
        fees: "0",
        executedAt: at,
        tradeDate: dateColumn("2026-11-10"),
      },
    });
    await markInputsChanged(tx, user, { full: true });
  });
}
