import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import type { OptionContract, PnlExecution, PnlLifecycleEvent, PnlStockTrade } from "@/lib/pnl";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { connectOwner, createAppDb, truncateAll } from "@/tests/support/test-database";
import { appendBatch, type Batch, incrementalThenFull } from "./incremental-support";

// Incremental recompute must leave exactly the rows a full recompute leaves. Random append sequences:
// each step writes a batch of fills, lifecycle events and stock trades on random books of two
// accounts and three underlyings (opens, closes, one-order and two-order rolls across contracts,
// spreads, assignments, expirations, share trades) as an import does, or a new mark; then the
// recompute runs as sync runs it, and a full replay over the same data must find nothing to write.

const NOW = new Date("2026-07-01T15:00:00Z");
const TRADER = "f1f1f1f1-0000-4000-8000-0000000000aa";
const ACCOUNTS = ["PROP-A", "PROP-B"] as const;
const UNDERLYINGS = ["AAA", "BBB", "CCC"] as const;
const EXPIRATIONS = ["2026-03-20", "2026-09-18"] as const;
const STRIKES = ["50", "55"] as const;
const DAYS = ["2026-02-02", "2026-02-03", "2026-03-02", "2026-03-23", "2026-05-04", "2026-06-01"] as const;

let owner: pg.Client;
let db: Database;
beforeAll(async () => {
  owner = await connectOwner();
  db = createAppDb();
});
afterAll(async () => {
  await db.$disconnect();
  await owner.end();
});
beforeEach(() => truncateAll(owner));

const contractArb = (underlying: string) =>
  fc.record({
    underlying: fc.constant(underlying),
    expiration: fc.constantFrom(...EXPIRATIONS),
    strike: fc.constantFrom(...STRIKES),
    optionType: fc.constantFrom("call" as const, "put" as const),
    multiplier: fc.constant("100"),
  });

type Leg = { contract: OptionContract; side: "buy" | "sell"; effect: "open" | "close"; quantity: number };

/** One trade: one leg, or two legs in one order (a roll, a spread) or in two orders the same day. */
const tradeArb = fc.constantFrom(...UNDERLYINGS).chain((underlying) =>
  fc.record({
    legs: fc.array(
      fc.record({
        contract: contractArb(underlying),
        side: fc.constantFrom("buy" as const, "sell" as const),
        effect: fc.constantFrom("open" as const, "close" as const),
        quantity: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    oneOrder: fc.boolean(),
    day: fc.constantFrom(...DAYS),
    minute: fc.integer({ min: 0, max: 59 }),
    price: fc.integer({ min: 5, max: 500 }),
  }),
);

const eventArb = fc.constantFrom(...UNDERLYINGS).chain((underlying) =>
  fc.record({
    contract: contractArb(underlying),
    type: fc.constantFrom("expiration" as const, "assignment" as const, "exercise" as const),
    quantity: fc.integer({ min: 1, max: 2 }),
    day: fc.constantFrom(...DAYS),
  }),
);

const shareArb = fc.record({
  symbol: fc.constantFrom(...UNDERLYINGS),
  side: fc.constantFrom("buy" as const, "sell" as const),
  quantity: fc.constantFrom(50, 100, 200),
  day: fc.constantFrom(...DAYS),
});

const stepArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant("batch" as const),
      account: fc.constantFrom(...ACCOUNTS),
      trades: fc.array(tradeArb, { minLength: 1, maxLength: 4 }),
      events: fc.array(eventArb, { maxLength: 1 }),
      shares: fc.array(shareArb, { maxLength: 1 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("mark" as const),
      underlying: fc.constantFrom(...UNDERLYINGS),
      price: fc.integer({ min: 1, max: 900 }),
    }),
  },
);

let serial = 0;
function batchOf(step: StepBatch): Batch {
  const executions: PnlExecution[] = [];
  const events: PnlLifecycleEvent[] = [];
  const stockTrades: PnlStockTrade[] = [];
  for (const trade of step.trades) {
    const orderId = `ord-${++serial}`;
    trade.legs.forEach((leg: Leg, index: number) => {
      const id = `fill-${++serial}`;
      const at = `${trade.day}T15:${String(trade.minute).padStart(2, "0")}:0${trade.oneOrder ? 0 : index}.000Z`;
      executions.push({
        id,
        accountId: "ignored",
        orderId: trade.oneOrder ? orderId : null,
        legId: trade.oneOrder ? `${orderId}:${index}` : null,
        contract: leg.contract,
        side: leg.side,
        positionEffect: leg.effect,
        quantity: String(leg.quantity),
        price: (trade.price / 100).toFixed(2),
        fees: "0.03",
        executedAt: at,
        tradeDate: trade.day,
      });
    });
  }
  for (const event of step.events) {
    events.push({
      id: `event-${++serial}`,
      accountId: "ignored",
      type: event.type,
      contract: event.contract,
      quantity: String(event.quantity),
      date: event.day,
      direction: event.type === "assignment" ? "short" : event.type === "exercise" ? "long" : null,
      stockFees: "0",
    });
  }
  for (const share of step.shares) {
    stockTrades.push({
      id: `shares-${++serial}`,
      accountId: "ignored",
      symbol: share.symbol,
      side: share.side,
      quantity: String(share.quantity),
      price: "51.25",
      fees: "0",
      executedAt: `${share.day}T14:30:00.000Z`,
      tradeDate: share.day,
    });
  }
  return { executions, events, stockTrades };
}

type StepBatch = {
  account: string;
  trades: { legs: Leg[]; oneOrder: boolean; day: string; minute: number; price: number }[];
  events: {
    contract: OptionContract;
    type: "expiration" | "assignment" | "exercise";
    quantity: number;
    day: string;
  }[];
  shares: { symbol: string; side: "buy" | "sell"; quantity: number; day: string }[];
};

/** New marks for every contract of an underlying, as a sync stores them: no book recorded, the user queued. */
async function addMarks(underlying: string, price: number, at: number) {
  await owner.query(
    `INSERT INTO recompute_queue (user_id, robinhood_user_id) VALUES ($1::uuid, $2)
     ON CONFLICT (user_id) DO UPDATE SET input_revision = recompute_queue.input_revision + 1`,
    [userIdFromRobinhoodUserId(TRADER), TRADER],
  );
  await owner.query(
    `INSERT INTO option_marks (instrument_id, as_of, mark_price)
     SELECT id, $2::timestamptz, $3::numeric + strike_price / 1000 FROM option_instruments WHERE underlying = $1
     ON CONFLICT DO NOTHING`,
    [underlying, new Date(NOW.getTime() - 3_600_000 + at * 1000), (price / 100).toFixed(2)],
  );
}

describe("incremental recompute (property)", () => {
  it("leaves exactly the rows a full recompute leaves, on random append sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 2, maxLength: 5 }), async (steps) => {
        await truncateAll(owner);
        let first = true;
        for (const [index, step] of steps.entries()) {
          // Marks before the user's first fills change nothing (and the user does not exist yet).
          if (first && step.kind === "mark") continue;
          if (step.kind === "mark") await addMarks(step.underlying, step.price, index);
          else await appendBatch(db, TRADER, step.account, batchOf(step as StepBatch));
          const run = await incrementalThenFull(db, owner, TRADER, NOW);
          // After the first run, every run is incremental (one underlying per order, no corporate action).
          if (!first) expect(run.incremental.scope).not.toBeNull();
          first = false;
          // The rows first: a difference names its table.
          expect(run.afterFull).toEqual(run.afterIncremental);
          expect(run.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
        }
      }),
      { numRuns: 20, endOnFailure: true },
    );
  }, 900_000);
});
