import { describe, expect, it } from "vitest";
import { dateColumn } from "@/lib/dates/trading-date";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { getPositions } from "@/lib/server/queries/get-positions";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-000000000015";
const NOW = new Date("2026-11-26T15:00:00Z");
const databases = setUpTestDatabases({ emptyBeforeEach: true });

/**
 * One account holding a long and a short lot of the same contract at once: a buy-to-open and a
 * sell-to-open that neither closes (what two merged histories of one account can look like).
 */
async function seedLongAndShortOfOneContract() {
  const { db } = databases;
  const terms = {
    underlying: "MSFT",
    expirationDate: dateColumn("2026-12-18"),
    strikePrice: "450",
    optionType: "CALL" as const,
    multiplier: "100",
  };
  const instrument = await db.optionInstrument.create({ data: terms });
  await db.optionMark.create({
    data: { instrumentId: instrument.id, asOf: new Date("2026-11-25T21:00:00Z"), markPrice: "4.00" },
  });
  await withUserTransaction({ db, robinhoodUserId: TRADER, purpose: "sign-in" }, async (tx, user) => {
    const account = await tx.brokerAccount.create({ data: { userId: user.id, accountNumber: "5QR24151" } });
    const fills = [
      { id: "long-1", side: "BUY" as const, price: "3.00", at: "2026-11-02T15:00:00Z" },
      { id: "short-1", side: "SELL" as const, price: "5.00", at: "2026-11-09T15:00:00Z" },
    ];
    for (const fill of fills) {
      const order = await tx.optionOrder.create({
        data: {
          userId: user.id,
          accountId: account.id,
          brokerOrderId: `order-${fill.id}`,
          source: "API",
          state: "filled",
          chainSymbol: "MSFT",
          quantity: "1",
          processedQuantity: "1",
          brokerCreatedAt: new Date(fill.at),
          brokerUpdatedAt: new Date(fill.at),
        },
      });
      const leg = await tx.optionLeg.create({
        data: {
          userId: user.id,
          orderId: order.id,
          brokerLegId: `leg-${fill.id}`,
          instrumentId: instrument.id,
          side: fill.side,
          positionEffect: "OPEN",
        },
      });
      await tx.optionExecution.create({
        data: {
          userId: user.id,
          legId: leg.id,
          brokerExecutionId: fill.id,
          price: fill.price,
          quantity: "1",
          fees: "0",
          executedAt: new Date(fill.at),
          tradeDate: dateColumn(fill.at.slice(0, 10)),
        },
      });
    }
    await markInputsChanged(tx, user, { full: true });
  });
}

describe("a long and a short lot of one contract on one account", () => {
  it("are stored as two open positions, one per side, and both reach the positions page", async () => {
    await seedLongAndShortOfOneContract();
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });

    const { rows } = await databases.owner.query(
      "SELECT side, quantity::text, unrealized_pnl::text FROM open_positions ORDER BY side",
    );
    // Long bought at 3.00 marked at 4.00: +100. Short sold at 5.00 marked at 4.00: +100.
    expect(rows).toEqual([
      { side: "LONG", quantity: "1.00000000", unrealized_pnl: "100.00000000" },
      { side: "SHORT", quantity: "-1.00000000", unrealized_pnl: "100.00000000" },
    ]);

    const positions = await getPositions({ db: databases.db, robinhoodUserId: TRADER });
    expect(positions.options.map((position) => [position.side, position.quantity]).sort()).toEqual([
      ["LONG", "1"],
      ["SHORT", "-1"],
    ]);

    // The day's marks keep both too: one row per side, keyed apart.
    const { rows: marks } = await databases.owner.query(
      "SELECT position_key, quantity::text FROM daily_marks WHERE kind = 'OPTION' ORDER BY quantity",
    );
    expect(marks.map((mark) => mark.quantity)).toEqual(["-1.00000000", "1.00000000"]);
    expect(marks[0]?.position_key).toMatch(/^option:.+:short$/);
    expect(marks[1]?.position_key).toMatch(/^option:.+:long$/);
  });
});
