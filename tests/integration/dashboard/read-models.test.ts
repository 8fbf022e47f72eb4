import { beforeEach, describe, expect, it } from "vitest";
import { getAccountSummary } from "@/lib/server/queries/get-account-summary";
import { getChain } from "@/lib/server/queries/get-chain";
import { getDashboard } from "@/lib/server/queries/get-dashboard";
import { getPositions } from "@/lib/server/queries/get-positions";
import { listChains } from "@/lib/server/queries/list-chains";
import { seedComputedHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-0000000000d1";
const NOW = new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });
beforeEach(async () => {
  await seedComputedHistory(databases.db, TRADER, { now: NOW });
});

describe("dashboard read models", () => {
  it("totals realized, unrealized and every fee paid, exactly", async () => {
    const dashboard = await getDashboard({ db: databases.db, robinhoodUserId: TRADER });
    expect(dashboard.totals).toEqual({
      // AAPL: 254.00 - 0.06 - 70.00 + 240.00 - 0.04, realized by the roll and the expiry.
      realized: "423.9",
      // TSLA: sold at 5.00 less 0.03 of fees, marked at 3.50.
      unrealized: "149.97",
      fees: "0.13",
      openPositions: 1,
      unmarkedPositions: 0,
      stockRealized: "0",
      stockUnrealized: "0",
      stockPositions: 0,
      unmarkedStockPositions: 0,
      chains: 2,
      openChains: 1,
    });
  });

  it("draws cumulative realized P&L from the daily rows", async () => {
    const { series } = await getDashboard({ db: databases.db, robinhoodUserId: TRADER });
    expect(series).toEqual([
      { date: "2026-10-14", realized: "183.94", cumulative: "183.94" },
      { date: "2026-11-20", realized: "239.96", cumulative: "423.9" },
    ]);
  });

  it("breaks P&L and fees down per underlying", async () => {
    const { underlyings } = await getDashboard({ db: databases.db, robinhoodUserId: TRADER });
    expect(underlyings).toEqual([
      {
        underlying: "AAPL",
        realized: "423.9",
        unrealized: "0",
        fees: "0.1",
        openPositions: 0,
        unmarkedPositions: 0,
      },
      {
        underlying: "TSLA",
        realized: "0",
        unrealized: "149.97",
        fees: "0.03",
        openPositions: 1,
        unmarkedPositions: 0,
      },
    ]);
  });

  it("reports the last recompute run and no sync yet", async () => {
    const dashboard = await getDashboard({ db: databases.db, robinhoodUserId: TRADER });
    expect(dashboard.sync).toBeNull();
    expect(dashboard.lastRecompute).toMatchObject({
      status: "SUCCEEDED",
      trigger: "manual",
      executionCount: 4,
      eventCount: 1,
      lotCount: 2,
      chainCount: 2,
      error: null,
    });
    expect(dashboard.lastRecompute?.engineVersion).toMatch(/\S/);
  });

  it("lists chains with their figures and filters them by underlying and status", async () => {
    const all = await listChains({ db: databases.db, robinhoodUserId: TRADER });
    expect(all.total).toBe(2);
    expect(all.underlyings).toEqual(["AAPL", "TSLA"]);
    expect(all.chains.map(({ id: _id, ...row }) => row)).toEqual([
      {
        underlying: "TSLA",
        optionType: "PUT",
        side: "SHORT",
        status: "OPEN",
        expiryInferred: false,
        rollCount: 0,
        openedOn: "2026-11-24",
        closedOn: null,
        daysHeld: 2,
        netPremium: "499.97",
        realized: "0",
        unrealized: "149.97",
        breakeven: "395.0003",
        strategy: "cash-secured-put",
        openingStrategy: null,
      },
      {
        underlying: "AAPL",
        optionType: "CALL",
        side: "SHORT",
        status: "EXPIRED",
        expiryInferred: false,
        rollCount: 1,
        openedOn: "2026-10-01",
        closedOn: "2026-11-20",
        daysHeld: 50,
        netPremium: "423.9",
        realized: "423.9",
        unrealized: "0",
        breakeven: null,
        strategy: "short-call",
        openingStrategy: null,
      },
    ]);
    const aapl = await listChains({
      db: databases.db,
      robinhoodUserId: TRADER,
      filters: { underlying: "AAPL" },
    });
    expect(aapl.chains.map((chain) => chain.underlying)).toEqual(["AAPL"]);
    const open = await listChains({ db: databases.db, robinhoodUserId: TRADER, filters: { status: "OPEN" } });
    expect(open.chains.map((chain) => chain.underlying)).toEqual(["TSLA"]);
    const none = await listChains({
      db: databases.db,
      robinhoodUserId: TRADER,
      filters: { underlying: "AAPL", status: "OPEN" },
    });
    expect(none.chains).toEqual([]);
    expect(none).toMatchObject({ total: 2, matching: 0, page: 1, pageCount: 1 });
  });

  it("pages through chains newest first", async () => {
    const first = await listChains({ db: databases.db, robinhoodUserId: TRADER, pageSize: 1 });
    expect(first).toMatchObject({ total: 2, matching: 2, page: 1, pageCount: 2 });
    expect(first.chains.map((chain) => chain.underlying)).toEqual(["TSLA"]);
    const second = await listChains({ db: databases.db, robinhoodUserId: TRADER, pageSize: 1, page: 2 });
    expect(second.chains.map((chain) => chain.underlying)).toEqual(["AAPL"]);
    const past = await listChains({ db: databases.db, robinhoodUserId: TRADER, pageSize: 1, page: 9 });
    expect(past.page).toBe(2);
  });

  it("shows a chain's roll, its lots and totals", async () => {
    const { chains } = await listChains({
      db: databases.db,
      robinhoodUserId: TRADER,
      filters: { underlying: "AAPL" },
    });
    const detail = await getChain({
      db: databases.db,
      robinhoodUserId: TRADER,
      chainId: chains[0]?.id ?? "",
    });
    expect(detail?.rolls).toEqual([
      {
        sequence: 1,
        rolledOn: "2026-10-14",
        from: {
          underlying: "AAPL",
          expiration: "2026-10-16",
          strike: "250",
          optionType: "CALL",
          multiplier: "100",
        },
        to: {
          underlying: "AAPL",
          expiration: "2026-11-20",
          strike: "255",
          optionType: "CALL",
          multiplier: "100",
        },
        closedQuantity: "2",
        openedQuantity: "2",
        kinds: ["OUT", "UP"],
        netCredit: "169.96",
      },
    ]);
    expect(
      detail?.lots.map(({ id: _id, contract, ...lot }) => ({ strike: contract.strike, ...lot })),
    ).toEqual([
      {
        strike: "250",
        side: "SHORT",
        quantity: "2",
        openPrice: "1.27",
        closePrice: "0.35",
        openedOn: "2026-10-01",
        closedOn: "2026-10-14",
        closeKind: "TRADE",
        fees: "0.06",
        realized: "183.94",
      },
      {
        strike: "255",
        side: "SHORT",
        quantity: "2",
        openPrice: "1.2",
        closePrice: "0",
        openedOn: "2026-10-14",
        closedOn: "2026-11-20",
        closeKind: "EXPIRATION",
        fees: "0.04",
        realized: "239.96",
      },
    ]);
    expect(detail?.openPositions).toEqual([]);
    expect(detail?.closedFees).toBe("0.1");
  });

  it("lists open positions with marks, and no stock for this history", async () => {
    const positions = await getPositions({ db: databases.db, robinhoodUserId: TRADER });
    expect(positions.stock).toEqual([]);
    expect(
      positions.options.map(({ id: _id, chainId, instrumentId: _instrument, ...row }) => ({
        hasChain: chainId !== null,
        ...row,
      })),
    ).toEqual([
      {
        hasChain: true,
        strategy: "cash-secured-put",
        contract: {
          underlying: "TSLA",
          expiration: "2026-12-18",
          strike: "400",
          optionType: "PUT",
          multiplier: "100",
        },
        side: "SHORT",
        quantity: "-1",
        averagePrice: "5",
        costBasis: "499.97",
        mark: "3.5",
        markedAt: null,
        marketValue: "-350",
        unrealized: "149.97",
      },
    ]);
  });

  it("names the signed-in user for the header", async () => {
    expect(await getAccountSummary({ db: databases.db, robinhoodUserId: TRADER })).toEqual({
      username: null,
      displayName: null,
      isDemo: false,
      demoExpiresAt: null,
    });
  });
});
