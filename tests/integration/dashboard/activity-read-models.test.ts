import { beforeEach, describe, expect, it } from "vitest";
import { dateColumn } from "@/lib/dates/trading-date";
import { csvStream } from "@/lib/export/csv-stream";
import { compareDecimals } from "@/lib/money";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { exportActivity } from "@/lib/server/queries/activity/export-activity";
import { getActivityOrder } from "@/lib/server/queries/activity/get-activity-order";
import { listActivity } from "@/lib/server/queries/activity/list-activity";
import { listFigureLots } from "@/lib/server/queries/activity/list-figure-lots";
import { getCalendar } from "@/lib/server/queries/get-calendar";
import { getDashboard } from "@/lib/server/queries/get-dashboard";
import { getStatistics } from "@/lib/server/queries/get-statistics";
import { listChains } from "@/lib/server/queries/list-chains";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { seedOptionsHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-0000000000a1";
const OTHER = "eeeeeeee-0000-4000-8000-0000000000a2";
const NOW = new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });
let partialOrderId = "";
let importId = "";

/**
 * Beside the seeded history (AAPL call rolled once then expired, an open TSLA put): an MSFT order
 * for 5 calls filled 3 times (1 @ 1.00, 1 @ 1.05, 1 @ 1.11), and a SOFI put sold from an imported
 * file's row 7.
 */
async function seedPartialAndImported(robinhoodUserId: string) {
  const msft = await databases.db.optionInstrument.create({
    data: {
      underlying: "MSFT",
      expirationDate: dateColumn("2026-12-18"),
      strikePrice: "450",
      optionType: "CALL",
      multiplier: "100",
    },
  });
  const sofi = await databases.db.optionInstrument.create({
    data: {
      underlying: "SOFI",
      expirationDate: dateColumn("2026-12-18"),
      strikePrice: "15",
      optionType: "PUT",
      multiplier: "100",
    },
  });
  return withUserTransaction({ db: databases.db, robinhoodUserId, purpose: "sign-in" }, async (tx, user) => {
    const account = await tx.brokerAccount.findFirstOrThrow({ where: { userId: user.id } });
    const order = await tx.optionOrder.create({
      data: {
        userId: user.id,
        accountId: account.id,
        brokerOrderId: "rh-order-partial",
        source: "API",
        state: "cancelled",
        chainSymbol: "MSFT",
        openingStrategy: "long_call",
        quantity: "5",
        processedQuantity: "3",
        brokerCreatedAt: new Date("2026-11-25T15:00:00Z"),
        brokerUpdatedAt: new Date("2026-11-25T15:10:00Z"),
      },
    });
    const leg = await tx.optionLeg.create({
      data: {
        userId: user.id,
        orderId: order.id,
        brokerLegId: "partial-leg",
        instrumentId: msft.id,
        side: "BUY",
        positionEffect: "OPEN",
      },
    });
    for (const [index, price] of ["1.00", "1.05", "1.11"].entries()) {
      await tx.optionExecution.create({
        data: {
          userId: user.id,
          legId: leg.id,
          brokerExecutionId: `partial-${index}`,
          price,
          quantity: "1",
          fees: "0.01",
          executedAt: new Date(`2026-11-25T15:0${index}:00Z`),
          tradeDate: dateColumn("2026-11-25"),
        },
      });
    }
    const file = await tx.import.create({
      data: {
        userId: user.id,
        fileName: "activity.csv",
        fileSha256: "f".repeat(64),
        format: "ACTIVITY_REPORT",
        status: "COMPLETED",
      },
    });
    for (const rowNumber of [2, 3, 7]) {
      await tx.importRow.create({
        data: {
          userId: user.id,
          importId: file.id,
          rowNumber,
          rowHash: `hash${rowNumber}:1`,
          status: "USED",
          raw: {},
        },
      });
    }
    const csvOrder = await tx.optionOrder.create({
      data: {
        userId: user.id,
        accountId: account.id,
        brokerOrderId: "csv:rh:hash7:1",
        source: "CSV",
        state: "filled",
        chainSymbol: "SOFI",
        quantity: "1",
        processedQuantity: "1",
        importId: file.id,
        brokerCreatedAt: new Date("2026-11-02T15:00:00Z"),
        brokerUpdatedAt: new Date("2026-11-02T15:00:00Z"),
      },
    });
    const csvLeg = await tx.optionLeg.create({
      data: {
        userId: user.id,
        orderId: csvOrder.id,
        brokerLegId: "rh:hash7:1:leg",
        instrumentId: sofi.id,
        side: "SELL",
        positionEffect: "OPEN",
      },
    });
    await tx.optionExecution.create({
      data: {
        userId: user.id,
        legId: csvLeg.id,
        brokerExecutionId: "rh:hash7:1",
        price: "0.50",
        quantity: "1",
        fees: "0.02",
        executedAt: new Date("2026-11-02T15:00:00Z"),
        tradeDate: dateColumn("2026-11-02"),
      },
    });
    return { orderId: order.id, importId: file.id };
  });
}

beforeEach(async () => {
  await seedOptionsHistory(databases.db, TRADER);
  await seedOptionsHistory(databases.db, OTHER, "9ZZ00002");
  ({ orderId: partialOrderId, importId } = await seedPartialAndImported(TRADER));
  for (const user of [TRADER, OTHER])
    await recomputeUserPnl({ db: databases.db, robinhoodUserId: user, trigger: "manual", now: NOW });
});

const read = { db: () => databases.db };

describe("activity read model", () => {
  it("lists orders and events newest first, with the exact net cash of every matching row", async () => {
    const page = await listActivity({ db: read.db(), robinhoodUserId: TRADER });
    expect(page.rows.map((row) => [row.kind, row.day])).toEqual([
      ["order", "2026-11-25"],
      ["order", "2026-11-24"],
      ["expiration", "2026-11-20"],
      ["order", "2026-11-02"],
      ["order", "2026-10-14"],
      ["order", "2026-10-01"],
    ]);
    expect(page.matching).toBe(6);
    // MSFT −316.03, TSLA +499.97, SOFI +49.98, the roll −70 + 240 − 0.04 = +169.96, the open +253.94.
    expect(page.netAmount).toBe("657.82");
    expect(page.underlyings).toEqual(["MSFT", "SOFI", "X"]);
    expect(page.strategies).toEqual(["long_call"]);
  });

  it("folds a partially filled order into one row: 3 of 5 filled at an exact average of 1.053333", async () => {
    const page = await listActivity({
      db: read.db(),
      robinhoodUserId: TRADER,
      filters: { underlying: "MSFT" },
    });
    expect(page.rows).toHaveLength(1);
    const order = page.rows[0];
    if (order?.kind !== "order") throw new Error("expected an order");
    expect(order).toMatchObject({ quantity: "5", filledQuantity: "3", fillCount: 3, amount: "-316.03" });
    expect(order.legs).toHaveLength(1);
    // (1.00 + 1.05 + 1.11) / 3 = 1.05333…, divided once, to the micro.
    expect(order.legs[0]).toMatchObject({ filledQuantity: "3", averagePrice: "1.053333", fees: "0.03" });
    expect(order.legs[0]?.fills.map((fill) => [fill.price, fill.amount])).toEqual([
      ["1", "-100.01"],
      ["1.05", "-105.01"],
      ["1.11", "-111.01"],
    ]);
    expect(order.legs[0]?.fills[0]?.origin).toEqual({ source: "API", brokerOrderId: "rh-order-partial" });
  });

  it("links an imported fill to its file and row", async () => {
    const page = await listActivity({ db: read.db(), robinhoodUserId: TRADER, filters: { search: "hash7" } });
    const order = page.rows[0];
    if (order?.kind !== "order") throw new Error("expected an order");
    expect(order.legs[0]?.fills[0]?.origin).toEqual({
      source: "CSV",
      importId,
      fileName: "activity.csv",
      rowNumber: 7,
      page: 1,
    });
  });

  it("filters by underlying, type, strategy, contract, dates and text", async () => {
    const kinds = async (filters: Parameters<typeof listActivity>[0]["filters"]) =>
      (await listActivity({ db: read.db(), robinhoodUserId: TRADER, filters })).rows.map(
        (row) => `${row.kind}:${row.day}`,
      );
    expect(await kinds({ underlying: "AAPL" })).toEqual([
      "expiration:2026-11-20",
      "order:2026-10-14",
      "order:2026-10-01",
    ]);
    expect(await kinds({ type: "expiration" })).toEqual(["expiration:2026-11-20"]);
    expect(await kinds({ strategy: "long_call" })).toEqual(["order:2026-11-25"]);
    expect(await kinds({ from: "2026-10-14", to: "2026-11-20" })).toEqual([
      "expiration:2026-11-20",
      "order:2026-11-02",
      "order:2026-10-14",
    ]);
    expect(await kinds({ search: "ORD-2" })).toEqual(["order:2026-10-14"]);
    expect(await kinds({ search: "%" })).toEqual([]);
    expect(await kinds({ type: "stock" })).toEqual([]);
  });

  it("pages in SQL: every row once across the pages, a page past the end gives the last", async () => {
    const seen: string[] = [];
    for (const page of [1, 2, 3]) {
      const list = await listActivity({ db: read.db(), robinhoodUserId: TRADER, page, pageSize: 2 });
      expect(list.pageCount).toBe(3);
      seen.push(...list.rows.map((row) => row.id));
    }
    expect(new Set(seen).size).toBe(6);
    const past = await listActivity({ db: read.db(), robinhoodUserId: TRADER, page: 9, pageSize: 4 });
    expect(past.page).toBe(2);
    expect(past.rows).toHaveLength(2);
    const byAmount = await listActivity({
      db: read.db(),
      robinhoodUserId: TRADER,
      sort: { column: "amount", descending: true },
    });
    expect(byAmount.rows.map((row) => row.amount)).toEqual([
      "499.97",
      "253.94",
      "169.96",
      "49.98",
      "-316.03",
      null,
    ]);
  });

  it("answers null for another user's order, and lists nothing of this user's to them", async () => {
    expect(
      await getActivityOrder({ db: read.db(), robinhoodUserId: OTHER, orderId: partialOrderId }),
    ).toBeNull();
    const own = await getActivityOrder({ db: read.db(), robinhoodUserId: TRADER, orderId: partialOrderId });
    expect(own?.brokerOrderId).toBe("rh-order-partial");
    const theirs = await listActivity({
      db: read.db(),
      robinhoodUserId: OTHER,
      filters: { underlying: "MSFT" },
    });
    expect(theirs.matching).toBe(0);
  });
});

describe("the lots of a figure", () => {
  it("sum exactly to the dashboard's realized total and each underlying's", async () => {
    const dashboard = await getDashboard({ db: read.db(), robinhoodUserId: TRADER });
    const all = await listFigureLots({ db: read.db(), robinhoodUserId: TRADER, filters: {} });
    expect(all?.realized).toBe(dashboard.totals.realized);
    expect(all?.count).toBe(2);
    for (const row of dashboard.underlyings) {
      const lots = await listFigureLots({
        db: read.db(),
        robinhoodUserId: TRADER,
        filters: { underlying: row.underlying },
      });
      expect(compareDecimals(lots?.realized ?? "x", row.realized)).toBe(0);
    }
  });

  it("sum to a chain's realized, a calendar day's and a statistics row's", async () => {
    const chains = await listChains({ db: read.db(), robinhoodUserId: TRADER });
    for (const chain of chains.chains) {
      const lots = await listFigureLots({
        db: read.db(),
        robinhoodUserId: TRADER,
        filters: { chain: chain.id },
      });
      expect(compareDecimals(lots?.realized ?? "x", chain.realized)).toBe(0);
    }
    const calendar = await getCalendar({
      db: read.db(),
      robinhoodUserId: TRADER,
      today: "2026-11-26",
      day: "2026-11-20",
    });
    const day = await listFigureLots({
      db: read.db(),
      robinhoodUserId: TRADER,
      filters: { day: "2026-11-20" },
    });
    expect(day?.realized).toBe(calendar.day?.realized);
    expect(day?.realized).toBe("239.96");
    for (const by of ["month", "dte", "underlying"] as const) {
      const statistics = await getStatistics({ db: read.db(), robinhoodUserId: TRADER, grouping: by });
      for (const group of statistics.groups) {
        const lots = await listFigureLots({
          db: read.db(),
          robinhoodUserId: TRADER,
          filters: { statistics: { by, group: group.key } },
        });
        expect(compareDecimals(lots?.realized ?? "x", group.statistics.realized ?? "x")).toBe(0);
      }
    }
  });

  it("link each lot to its opening and closing fills and their orders, or to the event that closed it", async () => {
    const lots = await listFigureLots({
      db: read.db(),
      robinhoodUserId: TRADER,
      filters: { underlying: "AAPL" },
    });
    expect(
      lots?.lots.map((lot) => [
        lot.closeKind,
        lot.openFill?.brokerOrderId,
        lot.openFill?.price,
        lot.closeFill?.brokerOrderId ?? null,
        lot.closeEvent?.brokerEventId ?? null,
        lot.realized,
      ]),
    ).toEqual([
      ["EXPIRATION", "ord-2", "1.2", null, "evt-1", "239.96"],
      ["TRADE", "ord-1", "1.27", "ord-2", null, "183.94"],
    ]);
    const order = await getActivityOrder({
      db: read.db(),
      robinhoodUserId: TRADER,
      orderId: lots?.lots[1]?.closeFill?.orderId ?? "",
    });
    expect(order?.legs.flatMap((leg) => leg.fills.map((fill) => fill.id))).toContain(
      lots?.lots[1]?.closeFill?.id,
    );
  });

  it("answers null for another user's chain", async () => {
    const chains = await listChains({ db: read.db(), robinhoodUserId: TRADER });
    const chain = chains.chains[0]?.id ?? "";
    expect(await listFigureLots({ db: read.db(), robinhoodUserId: OTHER, filters: { chain } })).toBeNull();
  });
});

describe("activity CSV export", () => {
  it("streams one line per fill and event, by keyset, with the page's net cash as its total", async () => {
    const options = exportActivity({ db: read.db(), robinhoodUserId: TRADER, pageSize: 2 });
    const text = await new Response(csvStream(options)).text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    const [header, ...rest] = lines;
    expect(header?.split(",")[12]).toBe("amount");
    const body = rest.slice(0, -1).map((line) => line.split(","));
    // 3 MSFT fills, TSLA, the expiration, SOFI, 2 roll fills, the open.
    expect(body.map((fields) => fields[0])).toEqual([
      "fill",
      "fill",
      "fill",
      "fill",
      "expiration",
      "fill",
      "fill",
      "fill",
      "fill",
    ]);
    const total = rest.at(-1)?.split(",");
    expect(total?.[0]).toBe("Total (9 lines)");
    const page = await listActivity({ db: read.db(), robinhoodUserId: TRADER });
    expect(total?.[12]).toBe(page.netAmount);
    const sofi = body.find((fields) => fields[3] === "SOFI");
    expect(sofi?.slice(18)).toEqual([importId, "7"]);
  });

  it("applies the same filters as the page", async () => {
    const options = exportActivity({
      db: read.db(),
      robinhoodUserId: TRADER,
      filters: { underlying: "MSFT" },
    });
    const text = await new Response(csvStream(options)).text();
    const lines = text.trimEnd().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(lines.at(-1)?.split(",")[12]).toBe("-316.03");
  });
});
