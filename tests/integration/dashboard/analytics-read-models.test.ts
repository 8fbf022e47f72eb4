import { beforeEach, describe, expect, it } from "vitest";
import { formatMoney, parseDecimal, sum } from "@/lib/money";
import { getCalendar } from "@/lib/server/queries/get-calendar";
import { getPositionsPage } from "@/lib/server/queries/get-positions-page";
import { getStatistics } from "@/lib/server/queries/get-statistics";
import { listChainsPage } from "@/lib/server/queries/list-chains-page";
import { seedComputedHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-0000000000e1";
const OTHER = "eeeeeeee-0000-4000-8000-0000000000e2";
const NOW = new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });
beforeEach(async () => {
  await seedComputedHistory(databases.db, TRADER, { now: NOW });
});

describe("statistics read model", () => {
  it("counts the AAPL call rolled once as one winning closed position, the open TSLA put not at all", async () => {
    const page = await getStatistics({ db: databases.db, robinhoodUserId: TRADER, grouping: "dte" });
    expect(page.openChains).toBe(1);
    expect(page.overall).toMatchObject({
      closed: 1,
      wins: 1,
      losses: 0,
      breakEvens: 0,
      winRate: "100.0",
      realized: "423.90",
      largestWin: "423.90",
      largestLoss: null,
      profitFactor: null,
      // 2026-10-01 to 2026-11-20
      averageDaysHeld: "50.0",
      // Sold 2 x 1.27 and, rolling, 2 x 1.20, x 100: 494.00 of credit, 423.90 kept.
      creditReceived: "494.00",
      creditKept: "423.90",
      premiumCaptured: "85.8",
    });
    // Opened 2026-10-01 on the Oct-16 call: 15 days to expiration.
    expect(page.groups.map((group) => [group.key, group.label, group.statistics.closed])).toEqual([
      ["8-21", "8–21 days", 1],
    ]);
  });

  it("groups by the month the position closed", async () => {
    const page = await getStatistics({ db: databases.db, robinhoodUserId: TRADER, grouping: "month" });
    expect(page.groups.map((group) => [group.key, group.label])).toEqual([["2026-11", "November 2026"]]);
  });

  it("shows another user nothing of this one's", async () => {
    const page = await getStatistics({ db: databases.db, robinhoodUserId: OTHER, grouping: "year" });
    expect(page.overall.closed).toBe(0);
    expect(page.groups).toEqual([]);
  });
});

describe("calendar read model", () => {
  it("opens on the latest month with realized P&L, each day's figure exact", async () => {
    const calendar = await getCalendar({ db: databases.db, robinhoodUserId: TRADER, today: "2026-11-26" });
    expect(calendar.period).toEqual({ year: 2026, month: 11 });
    expect(calendar.years).toEqual([2026]);
    expect(calendar.total).toBe("239.96");
    const days = calendar.months[0]?.weeks.flat().filter((day) => day?.realized !== null && day !== null);
    expect(days?.map((day) => [day?.date, day?.realized, day?.level])).toEqual([["2026-11-20", "239.96", 4]]);
  });

  it("a year view holds twelve months and the year's total", async () => {
    const calendar = await getCalendar({
      db: databases.db,
      robinhoodUserId: TRADER,
      today: "2026-11-26",
      period: { year: 2026, month: null },
    });
    expect(calendar.months).toHaveLength(12);
    expect(calendar.months[9]?.total).toBe("183.94");
    expect(calendar.total).toBe("423.90");
  });

  it("lists the lots closed on a day, which add up to the day's figure", async () => {
    const calendar = await getCalendar({
      db: databases.db,
      robinhoodUserId: TRADER,
      today: "2026-11-26",
      day: "2026-10-14",
    });
    expect(calendar.day?.realized).toBe("183.94");
    expect(formatMoney(sum((calendar.day?.lots ?? []).map((lot) => parseDecimal(lot.realized))))).toBe(
      "183.94",
    );
    expect(
      calendar.day?.lots.map((lot) => [lot.underlying, lot.strike, lot.closeKind, lot.realized]),
    ).toEqual([["AAPL", "250", "TRADE", "183.94"]]);
    expect(calendar.day?.lots[0]?.chainId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("positions read model", () => {
  it("gives each open position its days to expiration, progress and the totals row", async () => {
    const page = await getPositionsPage({ db: databases.db, robinhoodUserId: TRADER, today: "2026-11-26" });
    expect(
      page.options.map((row) => [row.contract.underlying, row.daysToExpiration, row.maxProfitCaptured]),
    ).toEqual([
      // Sold for 5.00, marked at 3.50: 30 % of the credit captured, 22 days before the Dec-18 expiry.
      ["TSLA", 22, "30.0"],
    ]);
    // No shares of TSLA were traded, so sync has no quote of it.
    expect(page.options[0]?.underlyingPrice).toBeNull();
    expect(page.totals).toEqual({
      positions: 1,
      costBasis: "499.97",
      marketValue: "-350.00",
      unrealized: "149.97",
      unmarked: 0,
    });
  });
});

describe("chains list read model", () => {
  it("shows each chain's current contract, or for a closed chain the last one it held", async () => {
    const page = await listChainsPage({ db: databases.db, robinhoodUserId: TRADER, today: "2026-11-26" });
    const contracts = page.chains.map((chain) => [
      chain.underlying,
      chain.contracts.map((c) => [
        c.strike,
        c.optionType,
        c.expiration,
        c.side,
        c.quantity,
        c.daysToExpiration,
        c.open,
      ]),
    ]);
    expect(contracts).toEqual([
      ["TSLA", [["400", "PUT", "2026-12-18", "SHORT", "1", 22, true]]],
      // Rolled from the Oct-16 250C into the Nov-20 255C, which expired.
      ["AAPL", [["255", "CALL", "2026-11-20", "SHORT", "2", -6, false]]],
    ]);
  });

  it("sorts the whole list in SQL by the column asked for", async () => {
    const byRealized = await listChainsPage({
      db: databases.db,
      robinhoodUserId: TRADER,
      today: "2026-11-26",
      sort: { column: "realized", descending: true },
    });
    expect(byRealized.chains.map((chain) => chain.underlying)).toEqual(["AAPL", "TSLA"]);
    const byClose = await listChainsPage({
      db: databases.db,
      robinhoodUserId: TRADER,
      today: "2026-11-26",
      sort: { column: "closed", descending: false },
    });
    // The open chain has no close date: last, whichever the direction.
    expect(byClose.chains.map((chain) => chain.underlying)).toEqual(["AAPL", "TSLA"]);
  });
});
