import { beforeEach, describe, expect, it } from "vitest";
import type { DateRange } from "@/lib/analytics/explain";
import { dateColumn } from "@/lib/dates/trading-date";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { getBreakdown } from "@/lib/server/queries/get-breakdown";
import { getDashboard } from "@/lib/server/queries/get-dashboard";
import { getExplainOverview } from "@/lib/server/queries/get-explain-overview";
import { getStatistics } from "@/lib/server/queries/get-statistics";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { seedComputedHistory, type seedOptionsHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-0000000000f1";
const OTHER = "eeeeeeee-0000-4000-8000-0000000000f2";
const NOW = new Date("2026-11-26T15:00:00Z");
const ALL: DateRange = { from: null, to: null };

const databases = setUpTestDatabases({ emptyBeforeEach: true });
let seeded: Awaited<ReturnType<typeof seedOptionsHistory>>;
beforeEach(async () => {
  seeded = await seedComputedHistory(databases.db, TRADER, { now: NOW });
});

const breakdown = (
  metric: Parameters<typeof getBreakdown>[0]["metric"],
  grouping: Parameters<typeof getBreakdown>[0]["grouping"],
  range = ALL,
) => getBreakdown({ db: databases.db, robinhoodUserId: TRADER, metric, grouping, range });

describe("breakdown read models", () => {
  it("every grouping of a money metric totals the dashboard's figure", async () => {
    const { totals } = await getDashboard({ db: databases.db, robinhoodUserId: TRADER });
    expect(totals).toMatchObject({ realized: "423.9", unrealized: "149.97", fees: "0.13" });
    for (const grouping of ["underlying", "strategy", "expiration", "month"] as const) {
      const page = await breakdown("realized", grouping);
      expect(page.kind === "money" && page.breakdown.total).toBe("423.90");
    }
    for (const grouping of ["underlying", "strategy", "expiration"] as const) {
      const page = await breakdown("unrealized", grouping);
      expect(page.kind === "money" && page.breakdown.total).toBe("149.97");
    }
    for (const grouping of ["underlying", "expiration", "month"] as const) {
      const page = await breakdown("fees", grouping);
      expect(page.kind === "money" && page.breakdown.total).toBe("0.13");
    }
  });

  it("realized by month: the roll's close in October, the expiry in November, each with its lots", async () => {
    const page = await breakdown("realized", "month");
    if (page.kind !== "money") throw new Error("a money page");
    expect(page.breakdown.rows.map((row) => [row.label, row.value, row.count])).toEqual([
      ["November 2026", "239.96", 1],
      ["October 2026", "183.94", 1],
    ]);
  });

  it("a date range keeps the components closed inside it, and the total follows", async () => {
    const page = await breakdown("realized", "underlying", { from: "2026-10-01", to: "2026-10-31" });
    if (page.kind !== "money") throw new Error("a money page");
    expect(page.breakdown.total).toBe("183.94");
    expect(page.range).toEqual({ from: "2026-10-01", to: "2026-10-31" });
  });

  it("the worked example is the largest lot, its formula giving the stored figure exactly", async () => {
    const page = await breakdown("realized", "underlying");
    if (page.kind !== "money") throw new Error("a money page");
    expect(page.example).toMatchObject({ result: "239.96", stored: "239.96", agrees: true });
    expect(page.example?.subject.contract).toMatchObject({
      underlying: "AAPL",
      strike: "255",
      expiration: "2026-11-20",
    });
    expect(page.example?.steps.map((step) => step.arithmetic)).toEqual([
      "1.20 − 0.00",
      "1.20 × 2 × 100",
      "$240.00 − $0.04",
    ]);
    const unrealized = await breakdown("unrealized", "underlying");
    expect(unrealized.kind === "money" && unrealized.example).toMatchObject({
      result: "149.97",
      agrees: true,
    });
  });

  it("cash flows are every counted fill's cash, the example the largest fill", async () => {
    const page = await breakdown("cash-flows", "underlying");
    if (page.kind !== "money") throw new Error("a money page");
    // AAPL 254 − 0.06 − 70 + 240 − 0.04; TSLA 500 − 0.03.
    expect(page.breakdown.rows.map((row) => [row.key, row.value])).toEqual([
      ["AAPL", "423.90"],
      ["TSLA", "499.97"],
    ]);
    expect(page.example).toMatchObject({ result: "499.97", agrees: true });
  });

  it("win rate and premium captured total the Statistics page's figures", async () => {
    const statistics = await getStatistics({ db: databases.db, robinhoodUserId: TRADER, grouping: "year" });
    const winRate = await breakdown("win-rate", "strategy");
    if (winRate.kind !== "positions") throw new Error("a positions page");
    expect(winRate.breakdown.total.winRate).toBe(statistics.overall.winRate);
    expect(winRate.breakdown.rows.map((row) => [row.label, row.statistics.closed])).toEqual([
      ["Short call", 1],
    ]);
    expect(winRate.example.subject?.description).toContain("rolled 1 time");
    expect(winRate.example.steps.at(-1)).toMatchObject({
      arithmetic: "1 ÷ 1 (0 lost, 0 even)",
      value: "100.0 %",
    });
    expect(winRate.openChains).toBe(1);

    const captured = await breakdown("premium-captured", "month");
    if (captured.kind !== "positions") throw new Error("a positions page");
    expect(captured.breakdown.total.premiumCaptured).toBe(statistics.overall.premiumCaptured);
    expect(captured.example.steps.map((step) => [step.arithmetic, step.value])).toEqual([
      ["$423.90 ÷ $494.00", "85.8 %"],
      ["$423.90 ÷ $494.00", "85.8 %"],
    ]);
  });

  it("shows another user nothing of this one's", async () => {
    const page = await getBreakdown({
      db: databases.db,
      robinhoodUserId: OTHER,
      metric: "realized",
      grouping: "underlying",
      range: ALL,
    });
    expect(page.kind === "money" && page.breakdown).toEqual({ rows: [], total: "0.00", count: 0 });
    expect(page.kind === "money" && page.example).toBeNull();
  });
});

describe("explain overview", () => {
  it("the identity holds with every term from the stored rows and a zero difference", async () => {
    const overview = await getExplainOverview({ db: databases.db, robinhoodUserId: TRADER });
    expect(overview.reconciliation).toEqual({
      realized: "423.90",
      unrealized: "149.97",
      cashFlows: "923.87",
      marketValue: "-350.00",
      unmarkedOpenCash: "0.00",
      left: "573.87",
      right: "573.87",
      difference: "0.00",
      holds: true,
    });
    expect(overview.unmarkedPositions).toBe(0);
  });

  it("a close whose opening fill is missing shows as a difference of exactly its cash", async () => {
    await withUserTransaction(
      { db: databases.db, robinhoodUserId: TRADER, purpose: "work" },
      async (tx, user) => {
        const order = await tx.optionOrder.create({
          data: {
            userId: user.id,
            accountId: seeded.accountId,
            brokerOrderId: "ord-orphan",
            source: "API",
            state: "filled",
            chainSymbol: "AAPL",
            quantity: "1",
            processedQuantity: "1",
            brokerCreatedAt: new Date("2026-11-25T15:00:00Z"),
            brokerUpdatedAt: new Date("2026-11-25T15:00:00Z"),
          },
        });
        const leg = await tx.optionLeg.create({
          data: {
            userId: user.id,
            orderId: order.id,
            brokerLegId: "orphan-leg",
            instrumentId: seeded.instruments.aapl250,
            side: "BUY",
            positionEffect: "CLOSE",
          },
        });
        await tx.optionExecution.create({
          data: {
            userId: user.id,
            legId: leg.id,
            brokerExecutionId: "orphan",
            price: "0.10",
            quantity: "1",
            fees: "0.01",
            executedAt: new Date("2026-11-25T15:00:00Z"),
            tradeDate: dateColumn("2026-11-25"),
          },
        });
        await markInputsChanged(tx, user, { full: true });
      },
    );
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });
    const overview = await getExplainOverview({ db: databases.db, robinhoodUserId: TRADER });
    expect(overview.reconciliation).toMatchObject({ cashFlows: "913.86", difference: "10.01", holds: false });
  });

  it("an imported fill on or after the first synced date is counted by neither P&L nor fees", async () => {
    // The activity report holds a trade that sync also brought: from the first synced date on, the
    // synced history is the truth, so the imported copy's fees must not be paid a second time.
    await withUserTransaction(
      { db: databases.db, robinhoodUserId: TRADER, purpose: "work" },
      async (tx, user) => {
        const order = await tx.optionOrder.create({
          data: {
            userId: user.id,
            accountId: seeded.accountId,
            brokerOrderId: "rh-imported-copy",
            source: "CSV",
            state: "filled",
            chainSymbol: "AAPL",
            quantity: "2",
            processedQuantity: "2",
            brokerCreatedAt: new Date("2026-10-01T14:00:00Z"),
            brokerUpdatedAt: new Date("2026-10-01T14:00:00Z"),
          },
        });
        const leg = await tx.optionLeg.create({
          data: {
            userId: user.id,
            orderId: order.id,
            brokerLegId: "imported-copy-leg",
            instrumentId: seeded.instruments.aapl250,
            side: "SELL",
            positionEffect: "OPEN",
          },
        });
        await tx.optionExecution.create({
          data: {
            userId: user.id,
            legId: leg.id,
            brokerExecutionId: "imported-copy",
            price: "1.27",
            quantity: "2",
            fees: "0.50",
            executedAt: new Date("2026-10-01T14:00:00Z"),
            tradeDate: dateColumn("2026-10-01"),
          },
        });
        await markInputsChanged(tx, user, { full: true });
      },
    );
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });

    const { totals, underlyings } = await getDashboard({ db: databases.db, robinhoodUserId: TRADER });
    expect(totals).toMatchObject({ realized: "423.9", fees: "0.13" });
    expect(underlyings.find((row) => row.underlying === "AAPL")?.fees).toBe("0.1");
    const page = await breakdown("fees", "underlying");
    expect(page.kind === "money" && page.breakdown.total).toBe("0.13");
    const overview = await getExplainOverview({ db: databases.db, robinhoodUserId: TRADER });
    expect(overview.reconciliation).toMatchObject({ difference: "0.00", holds: true });
  });

  it("net premium per underlying and strategy adds up to every chain's net premium", async () => {
    const { netPremium } = await getExplainOverview({ db: databases.db, robinhoodUserId: TRADER });
    expect(netPremium.strategies.map((column) => column.key)).toEqual(["cash-secured-put", "short-call"]);
    expect(
      netPremium.rows.map((row) => [row.underlying, row.cells.map((cell) => cell.value), row.total]),
    ).toEqual([
      ["AAPL", [null, "423.90"], "423.90"],
      ["TSLA", ["499.97", null], "499.97"],
    ]);
    expect(netPremium.total).toBe("923.87");
  });
});
