import { dateColumn } from "@/lib/dates/trading-date";
import type { Database } from "@/lib/server/db/create-prisma-client";
import {
  type ScopedUser,
  type UserTransaction,
  withUserTransaction,
} from "@/lib/server/db/with-user-transaction";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";

type Fill = {
  id: string;
  side: "BUY" | "SELL";
  effect: "OPEN" | "CLOSE";
  instrument: string;
  quantity: string;
  price: string;
  fees: string;
  at: string;
};

/**
 * A small real-looking history, written the way sync will write it (raw rows + queue entry):
 * - AAPL: sell 2 Oct-16 250C @ 1.27 (fees 0.06); one-order roll on 10/14: buy 2 back @ 0.35, sell
 *   2 Nov-20 255C @ 1.20 (fees 0.04); the 255C expires worthless on 11/20.
 * - TSLA: sell 1 Dec-18 400P @ 5.00 (fees 0.03) on 11/24, still open, marked at 3.50.
 */
export async function seedOptionsHistory(db: Database, robinhoodUserId: string, accountNumber = "5QR24141") {
  const instruments = await ensureInstruments(db);
  return withUserTransaction({ db, robinhoodUserId, purpose: "sign-in" }, async (tx, user) => {
    const account = await tx.brokerAccount.create({ data: { userId: user.id, accountNumber } });
    await writeSeedOrder(tx, user, account.id, "ord-1", [
      {
        id: "ex-1",
        side: "SELL",
        effect: "OPEN",
        instrument: instruments.aapl250,
        quantity: "2",
        price: "1.27",
        fees: "0.06",
        at: "2026-10-01T14:00:00Z",
      },
    ]);
    await writeSeedOrder(tx, user, account.id, "ord-2", [
      {
        id: "ex-2",
        side: "BUY",
        effect: "CLOSE",
        instrument: instruments.aapl250,
        quantity: "2",
        price: "0.35",
        fees: "0",
        at: "2026-10-14T15:30:00Z",
      },
      {
        id: "ex-3",
        side: "SELL",
        effect: "OPEN",
        instrument: instruments.aapl255,
        quantity: "2",
        price: "1.20",
        fees: "0.04",
        at: "2026-10-14T15:30:00Z",
      },
    ]);
    await writeSeedOrder(tx, user, account.id, "ord-3", [
      {
        id: "ex-4",
        side: "SELL",
        effect: "OPEN",
        instrument: instruments.tsla400,
        quantity: "1",
        price: "5.00",
        fees: "0.03",
        at: "2026-11-24T16:00:00Z",
      },
    ]);
    await tx.optionEvent.create({
      data: {
        userId: user.id,
        accountId: account.id,
        instrumentId: instruments.aapl255,
        brokerEventId: "evt-1",
        source: "API",
        type: "EXPIRATION",
        state: "confirmed",
        quantity: "2",
        eventDate: dateColumn("2026-11-20"),
      },
    });
    await markInputsChanged(tx, user, { full: true });
    return { user, accountId: account.id, instruments };
  });
}

async function ensureInstruments(db: Database) {
  const upsert = async (
    underlying: string,
    expiration: string,
    strike: string,
    optionType: "CALL" | "PUT",
  ) => {
    const terms = {
      underlying,
      expirationDate: dateColumn(expiration),
      strikePrice: strike,
      optionType,
      multiplier: "100",
    };
    const instrument = await db.optionInstrument.upsert({
      where: { underlying_expirationDate_strikePrice_optionType_multiplier: terms },
      create: terms,
      update: {},
    });
    return instrument.id;
  };
  const instruments = {
    aapl250: await upsert("AAPL", "2026-10-16", "250", "CALL"),
    aapl255: await upsert("AAPL", "2026-11-20", "255", "CALL"),
    tsla400: await upsert("TSLA", "2026-12-18", "400", "PUT"),
  };
  await db.optionMark.upsert({
    where: {
      instrumentId_asOf: { instrumentId: instruments.tsla400, asOf: new Date("2026-11-25T21:00:00Z") },
    },
    create: { instrumentId: instruments.tsla400, asOf: new Date("2026-11-25T21:00:00Z"), markPrice: "3.50" },
    update: {},
  });
  return instruments;
}

/** The seeded history with its P&L computed, as the pages read it: a recompute as of `now` follows. */
export async function seedComputedHistory(
  db: Database,
  robinhoodUserId: string,
  options: { now: Date; accountNumber?: string },
) {
  const seeded = await seedOptionsHistory(db, robinhoodUserId, options.accountNumber);
  await recomputeUserPnl({ db, robinhoodUserId, trigger: "manual", now: options.now });
  return seeded;
}

export async function writeSeedOrder(
  tx: UserTransaction,
  user: ScopedUser,
  accountId: string,
  orderId: string,
  fills: Fill[],
) {
  const first = fills[0] as Fill;
  const created = await tx.optionOrder.create({
    data: {
      userId: user.id,
      accountId,
      brokerOrderId: orderId,
      source: "API",
      state: "filled",
      chainSymbol: "X",
      quantity: first.quantity,
      processedQuantity: first.quantity,
      brokerCreatedAt: new Date(first.at),
      brokerUpdatedAt: new Date(first.at),
    },
  });
  for (const fill of fills) {
    const leg = await tx.optionLeg.create({
      data: {
        userId: user.id,
        orderId: created.id,
        brokerLegId: `${fill.id}-leg`,
        instrumentId: fill.instrument,
        side: fill.side,
        positionEffect: fill.effect,
      },
    });
    await tx.optionExecution.create({
      data: {
        userId: user.id,
        legId: leg.id,
        brokerExecutionId: fill.id,
        price: fill.price,
        quantity: fill.quantity,
        fees: fill.fees,
        executedAt: new Date(fill.at),
        tradeDate: dateColumn(fill.at.slice(0, 10)),
      },
    });
  }
}
