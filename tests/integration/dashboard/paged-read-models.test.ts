import { beforeAll, describe, expect, it } from "vitest";
import { compareDecimals, formatMoney, parseDecimal, sum } from "@/lib/money";
import { userReadCache } from "@/lib/server/cache/cached-user-read";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { listActivity } from "@/lib/server/queries/activity/list-activity";
import { getDashboard } from "@/lib/server/queries/get-dashboard";
import { getPositionsPage, type PositionView } from "@/lib/server/queries/get-positions-page";
import { type ChainListRow, listChainsPage } from "@/lib/server/queries/list-chains-page";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { writeActivityReport } from "@/simulator";
import { generateHistory } from "@/simulator/history/generate-history";
import { seedComputedHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases, truncateAll } from "@/tests/support/test-database";

// A simulated trader's two years, imported: a few hundred chains and a handful of open positions.
const TRADER = "eeeeeeee-0000-4000-8000-0000000000e1";
// A small hand-written history: two chains, one open TSLA put.
const OTHER = "eeeeeeee-0000-4000-8000-0000000000e2";
const TODAY = "2026-11-26";
const NOW = new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases();
beforeAll(async () => {
  await truncateAll(databases.owner);
  const history = generateHistory({
    seed: 20261203,
    userKey: "paged-read-models",
    username: "paged@rollbook.dev",
    months: 24,
  });
  const imported = await importCsvFile({
    db: databases.db,
    robinhoodUserId: TRADER,
    fileName: "history.csv",
    text: writeActivityReport(history),
  });
  expect(imported.status).toBe("imported");
  await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });
  await seedComputedHistory(databases.db, OTHER, { now: NOW, accountNumber: "9ZZ00001" });
}, 300_000);

const options = (robinhoodUserId: string) => ({ db: databases.db, robinhoodUserId, today: TODAY });

async function allChainPages(pageSize: number, sort?: Parameters<typeof listChainsPage>[0]["sort"]) {
  const first = await listChainsPage({ ...options(TRADER), pageSize, sort });
  const rows: ChainListRow[] = [...first.chains];
  for (let page = 2; page <= first.pageCount; page++)
    rows.push(...(await listChainsPage({ ...options(TRADER), pageSize, sort, page })).chains);
  return { first, rows };
}

async function allPositionPages(pageSize: number, extra: { search?: string } = {}) {
  const first = await getPositionsPage({ ...options(TRADER), pageSize, ...extra });
  const pages = [first];
  for (let page = 2; page <= first.pageCount; page++)
    pages.push(await getPositionsPage({ ...options(TRADER), pageSize, page, ...extra }));
  return { first, pages, rows: pages.flatMap((page) => page.options) };
}

const total = (rows: PositionView[], field: "unrealized" | "marketValue" | "costBasis") =>
  formatMoney(sum(rows.flatMap((row) => (row[field] === null ? [] : [parseDecimal(row[field])]))));

describe("the chains list pages and sorts in SQL", () => {
  it("gives every chain exactly once across its pages, in the order asked for", async () => {
    const { first, rows } = await allChainPages(7, { column: "realized", descending: true });
    expect(first.matching).toBeGreaterThan(20);
    expect(first.pageCount).toBe(Math.ceil(first.matching / 7));
    expect(rows).toHaveLength(first.matching);
    expect(new Set(rows.map((row) => row.id)).size).toBe(first.matching);
    for (let index = 1; index < rows.length; index++)
      expect(
        compareDecimals(rows[index - 1]?.realized ?? "0", rows[index]?.realized ?? "0"),
      ).toBeGreaterThanOrEqual(0);
    // A page past the end is the last page.
    const beyond = await listChainsPage({ ...options(TRADER), pageSize: 7, page: 10_000 });
    expect(beyond.page).toBe(first.pageCount);
  });

  it("never lists another user's chains", async () => {
    const mine = await allChainPages(50);
    const theirs = await listChainsPage(options(OTHER));
    expect(theirs.total).toBe(2);
    const ids = new Set(mine.rows.map((row) => row.id));
    expect(theirs.chains.some((chain) => ids.has(chain.id))).toBe(false);
  });
});

describe("the Positions page pages, sorts and totals in SQL", () => {
  it("gives every position once across pages, with the same whole-list totals on every page", async () => {
    const whole = await getPositionsPage({ ...options(TRADER), pageSize: 1_000 });
    expect(whole.options.length).toBeGreaterThan(2);
    const { first, pages, rows } = await allPositionPages(2);
    expect(first.pageCount).toBe(Math.ceil(whole.options.length / 2));
    expect(rows.map((row) => row.id)).toEqual(whole.options.map((row) => row.id));
    for (const page of pages) expect(page.totals).toEqual(whole.totals);
    // The totals row is the sum of every position, not of the page shown.
    expect(whole.totals.positions).toBe(whole.options.length);
    expect(whole.totals.costBasis).toBe(total(whole.options, "costBasis"));
    const marked = whole.options.filter((row) => row.unrealized !== null);
    expect(whole.totals.unrealized).toBe(total(marked, "unrealized"));
    expect(whole.totals.marketValue).toBe(total(marked, "marketValue"));
    expect(whole.totals.unmarked).toBe(whole.options.length - marked.length);
  });

  it("sorts the whole list by a whitelisted column before paging it", async () => {
    const sorted: PositionView[] = [];
    const sort = { column: "dte" as const, descending: true };
    const first = await getPositionsPage({ ...options(TRADER), pageSize: 2, sort });
    sorted.push(...first.options);
    for (let page = 2; page <= first.pageCount; page++)
      sorted.push(...(await getPositionsPage({ ...options(TRADER), pageSize: 2, sort, page })).options);
    const days = sorted.map((row) => row.daysToExpiration);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it("filters in SQL, and totals only what the filter matches", async () => {
    const whole = await getPositionsPage({ ...options(TRADER), pageSize: 1_000 });
    const puts = whole.options.filter((row) => row.contract.optionType === "PUT");
    const filtered = await allPositionPages(1, { search: "put" });
    expect(filtered.rows.map((row) => row.id)).toEqual(puts.map((row) => row.id));
    expect(filtered.first.totals.positions).toBe(puts.length);
    expect(filtered.first.totals.costBasis).toBe(total(puts, "costBasis"));
    expect(filtered.first.total).toBe(whole.options.length);
    const symbol = whole.options[0]?.contract.underlying ?? "";
    const bySymbol = await getPositionsPage({
      ...options(TRADER),
      pageSize: 1_000,
      search: symbol.toLowerCase(),
    });
    expect(bySymbol.options.length).toBeGreaterThan(0);
    for (const row of bySymbol.options) expect(row.contract.underlying).toContain(symbol);
  });

  it("never shows another user's positions", async () => {
    const mine = await getPositionsPage({ ...options(TRADER), pageSize: 1_000 });
    const theirs = await getPositionsPage(options(OTHER));
    expect(theirs.options.map((row) => row.contract.underlying)).toEqual(["TSLA"]);
    const ids = new Set(mine.options.map((row) => row.id));
    expect(theirs.options.some((row) => ids.has(row.id))).toBe(false);
  });
});

describe("cached page reads", () => {
  it("serve a user only their own reads, for the same page and arguments", async () => {
    userReadCache().clear();
    const mine = await getPositionsPage(options(TRADER));
    const theirs = await getPositionsPage(options(OTHER));
    expect(theirs).not.toBe(mine);
    expect(theirs.totals.positions).toBe(1);
    expect(mine.totals.positions).toBeGreaterThan(1);
    // Served from the cache the second time: the very same object, for each user.
    expect(await getPositionsPage(options(TRADER))).toBe(mine);
    expect(await getPositionsPage(options(OTHER))).toBe(theirs);
    expect((await getDashboard({ db: databases.db, robinhoodUserId: OTHER })).totals.chains).toBe(2);
  });

  it("are read again once a recompute commits, and then match an uncached read", async () => {
    const before = await getPositionsPage(options(OTHER));
    // A change the server does not know about (no new data version): the cache still answers.
    await databases.owner.query(
      "UPDATE open_positions SET unrealized_pnl = 0 WHERE user_id = (SELECT id FROM users WHERE robinhood_user_id = $1)",
      [OTHER],
    );
    expect(await getPositionsPage(options(OTHER))).toBe(before);
    // A recompute rewrites the row and bumps the version in its transaction: a fresh read follows.
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: OTHER, trigger: "manual", now: NOW });
    const after = await getPositionsPage(options(OTHER));
    expect(after).not.toBe(before);
    expect(after.totals.unrealized).toBe("149.97");
    userReadCache().clear();
    expect(await getPositionsPage(options(OTHER))).toEqual(after);
  });

  it("are read again once a sync or import writes raw rows", async () => {
    const before = await getDashboard({ db: databases.db, robinhoodUserId: OTHER });
    const activity = { db: databases.db, robinhoodUserId: OTHER, filters: { type: "order" as const } };
    const activityBefore = await listActivity(activity);
    expect(await listActivity(activity)).toBe(activityBefore);
    // Another page or filter is its own read.
    expect(await listActivity({ ...activity, filters: {} })).not.toBe(activityBefore);
    const again = await importCsvFile({
      db: databases.db,
      robinhoodUserId: OTHER,
      fileName: "more.csv",
      text: writeActivityReport(
        generateHistory({ seed: 7, userKey: "paged-other", username: "other@rollbook.dev", months: 2 }),
      ),
    });
    expect(again.status).toBe("imported");
    // Before any recompute, the new fills' fees are already on the dashboard.
    const after = await getDashboard({ db: databases.db, robinhoodUserId: OTHER });
    expect(compareDecimals(after.totals.fees, before.totals.fees)).toBeGreaterThan(0);
    // The Activity page lists the imported orders at once.
    expect((await listActivity(activity)).matching).toBeGreaterThan(activityBefore.matching);
  });
});
