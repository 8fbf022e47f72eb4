import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PnlColumns } from "@/lib/pnl";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { seedOptionsHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases, truncateAll } from "@/tests/support/test-database";

// Records what recompute hands the engine, and lets the real engine compute.
const handed: PnlColumns[] = [];
vi.mock("@/lib/pnl", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/pnl")>();
  return {
    ...actual,
    computePnl: (input: PnlColumns) => {
      handed.push(input);
      return actual.computePnl(input);
    },
  };
});

const TRADER = "eeeeeeee-0000-4000-8000-000000000041";
const NOW = new Date("2026-11-26T15:00:00Z");
const databases = setUpTestDatabases();
beforeEach(async () => {
  handed.length = 0;
  await truncateAll(databases.owner);
});

type TradeSeed = {
  id: string;
  kind: "TRADE" | "DELIVERY";
  source: "API" | "CSV";
  symbol: string;
  side: "BUY" | "SELL";
  quantity: string;
  price: string;
  fees: string;
  at: string | null;
  date: string;
  order?: string;
};

async function seedStock(trades: TradeSeed[]) {
  await withUserTransaction(
    { db: databases.db, robinhoodUserId: TRADER, purpose: "work" },
    async (tx, user) => {
      const account = await tx.brokerAccount.findFirstOrThrow({ where: { userId: user.id } });
      for (const trade of trades) {
        await tx.stockTrade.create({
          data: {
            userId: user.id,
            accountId: account.id,
            brokerTradeId: trade.id,
            kind: trade.kind,
            source: trade.source,
            symbol: trade.symbol,
            side: trade.side,
            quantity: trade.quantity,
            price: trade.price,
            amount: "0",
            fees: trade.fees,
            executedAt: trade.at ? new Date(trade.at) : null,
            tradeDate: new Date(`${trade.date}T00:00:00Z`),
            brokerOrderId: trade.order ?? null,
          },
        });
      }
    },
  );
  await databases.owner.query(
    `INSERT INTO stock_marks (symbol, as_of, mark_price) VALUES
       ('AAPL', '2026-11-24 21:00:00+00', 188.1), ('AAPL', '2026-11-25 21:00:00+00', 191.4567),
       ('SOFI', '2026-11-25 21:00:00+00', 10.02), ('NVDA', '2026-11-25 21:00:00+00', 140)`,
  );
}

describe("loadPnlInput: stock trades", () => {
  it("hands recompute's engine the stored equity fills (not deliveries) and the latest stock marks", async () => {
    const { db } = databases;
    // Synced options history from 2026-10-01 on.
    await seedOptionsHistory(db, TRADER);
    await seedStock([
      {
        id: "rh-ex-1",
        kind: "TRADE",
        source: "API",
        symbol: "AAPL",
        side: "BUY",
        quantity: "100",
        price: "190.25",
        fees: "0",
        at: "2026-10-05T15:00:01.250Z",
        date: "2026-10-05",
        order: "rh-ord-1",
      },
      {
        id: "rh-ex-2",
        kind: "TRADE",
        source: "API",
        symbol: "AAPL",
        side: "SELL",
        quantity: "40.5",
        price: "201.1",
        fees: "0.03",
        at: "2026-11-02T18:30:00Z",
        date: "2026-11-02",
        order: "rh-ord-2",
      },
      // Older than the synced history: only the import knows it.
      {
        id: "csv:old-buy:0",
        kind: "TRADE",
        source: "CSV",
        symbol: "SOFI",
        side: "BUY",
        quantity: "10",
        price: "9.5",
        fees: "0",
        at: "2026-09-15T20:00:00Z",
        date: "2026-09-15",
      },
      // The synced history has this one already, under its broker id.
      {
        id: "csv:dup-buy:0",
        kind: "TRADE",
        source: "CSV",
        symbol: "AAPL",
        side: "BUY",
        quantity: "100",
        price: "190.25",
        fees: "0",
        at: "2026-10-05T20:00:00Z",
        date: "2026-10-05",
      },
      // Delivered by an assignment: the engine takes it from the event, not from here.
      {
        id: "rh-component-1",
        kind: "DELIVERY",
        source: "API",
        symbol: "NVDA",
        side: "BUY",
        quantity: "100",
        price: "150",
        fees: "0",
        at: null,
        date: "2026-10-16",
      },
    ]);

    await recomputeUserPnl({ db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });

    expect(handed).toHaveLength(1);
    const input = handed[0] as PnlColumns;
    expect(input.stockTrades).toEqual([
      {
        id: "csv:old-buy:0",
        accountId: expect.any(String),
        orderId: null,
        symbol: "SOFI",
        side: "buy",
        quantity: "10",
        price: "9.5",
        fees: "0",
        executedAt: "2026-09-15T20:00:00.000Z",
        tradeDate: "2026-09-15",
      },
      {
        id: "rh-ex-1",
        accountId: expect.any(String),
        orderId: "rh-ord-1",
        symbol: "AAPL",
        side: "buy",
        quantity: "100",
        price: "190.25",
        fees: "0",
        executedAt: "2026-10-05T15:00:01.250Z",
        tradeDate: "2026-10-05",
      },
      {
        id: "rh-ex-2",
        accountId: expect.any(String),
        orderId: "rh-ord-2",
        symbol: "AAPL",
        side: "sell",
        quantity: "40.5",
        price: "201.1",
        fees: "0.03",
        executedAt: "2026-11-02T18:30:00.000Z",
        tradeDate: "2026-11-02",
      },
    ]);
    const accounts = new Set(input.stockTrades?.map((trade) => trade.accountId));
    expect(accounts).toEqual(new Set(input.accounts));
    // The latest quote of every symbol with traded shares; none for symbols only a delivery names.
    expect(input.stockMarks).toEqual({ AAPL: "191.4567", SOFI: "10.02" });
  });
});
