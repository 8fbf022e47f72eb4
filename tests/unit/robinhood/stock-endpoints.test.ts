import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isRobinhoodError, type RobinhoodSession } from "@/lib/robinhood/client";
import { DEMO_USERNAME, type RunningSimulator } from "@/simulator";
import type { SimHistory } from "@/simulator/history/types";
import { signInDemo, startTestSimulator } from "./helpers";

let simulator: RunningSimulator;
let session: RobinhoodSession;
let history: SimHistory;

beforeAll(async () => {
  simulator = await startTestSimulator();
  ({ session } = await signInDemo(simulator));
  history = simulator.controls.history(DEMO_USERNAME);
});

afterAll(async () => {
  await simulator.close();
});

const cents = (text: string) => {
  const [whole = "0", fraction = ""] = text.split(".");
  if (fraction.slice(2).replace(/0/g, "") !== "") throw new Error(`not whole cents: ${text}`);
  return Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, "0"));
};

describe("equity orders through the client (GET /orders/)", () => {
  it("lists every equity order, newest first, across cursor pages, with its fills", async () => {
    const pages: number[] = [];
    const orders = [];
    for await (const page of session.stockOrderPages({ pageSize: 7 })) {
      pages.push(page.length);
      orders.push(...page);
    }
    expect(pages.length).toBeGreaterThan(2);
    expect(orders.length).toBe(history.stockOrders.length);
    const created = orders.map((order) => order.created_at);
    expect([...created].sort().reverse()).toEqual(created);

    const filled = orders.filter((order) => order.state === "filled");
    expect(filled.length).toBeGreaterThan(10);
    for (const order of filled) {
      const sim = history.stockOrders.find((candidate) => candidate.id === order.id);
      expect(sim, order.id).toBeDefined();
      expect(order.executions.map((e) => e.id)).toEqual(sim?.executions.map((e) => e.id));
      expect(order.executions.map((e) => cents(e.price))).toEqual(sim?.executions.map((e) => e.priceCents));
      expect(order.executions.map((e) => e.quantity)).toEqual(
        sim?.executions.map((e) => `${e.shares}.00000000`),
      );
      expect(order.cumulative_quantity).toBe(order.quantity);
      expect(cents(order.fees)).toBe(sim?.executions.reduce((sum, e) => sum + e.feeCents, 0));
      expect(order.symbol).toBe(sim?.symbol);
      expect(order.instrument.endsWith(`/instruments/${sim?.instrumentId}/`)).toBe(true);
      if (order.side === "sell") expect(cents(order.fees)).toBeGreaterThan(0);
      else expect(order.fees).toBe("0.00");
    }
    const sides = new Set(filled.map((order) => order.side));
    expect(sides).toEqual(new Set(["buy", "sell"]));
  });

  it("never lists the stock side of an assignment or exercise", async () => {
    const orders = await session.listStockOrders();
    const fillIds = new Set(orders.flatMap((order) => order.executions.map((e) => e.id)));
    const delivered = history.events.flatMap((event) => (event.equity ? [event.equity] : []));
    expect(delivered.length).toBeGreaterThan(3);
    for (const equity of delivered) expect(fillIds.has(equity.id)).toBe(false);
    const shares = orders.reduce(
      (sum, order) => sum + order.executions.reduce((n, e) => n + Number.parseInt(e.quantity, 10), 0),
      0,
    );
    const simulated = history.stockOrders.reduce(
      (sum, order) => sum + order.executions.reduce((n, e) => n + e.shares, 0),
      0,
    );
    expect(shares).toBe(simulated);
  });

  it("filters by updated_at[gte] and by state, and reads one order by id", async () => {
    const all = await session.listStockOrders();
    const sorted = all.map((order) => order.updated_at).sort();
    const bound = sorted[Math.floor(sorted.length / 2)] as string;
    const recent = await session.listStockOrders({ updatedSince: bound });
    expect(recent.length).toBe(all.filter((order) => order.updated_at >= bound).length);
    expect(recent.length).toBeLessThan(all.length);
    expect(recent.every((order) => order.updated_at >= bound)).toBe(true);

    const cancelled = await session.listStockOrders({ states: ["cancelled"] });
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((order) => order.state === "cancelled" && order.executions.length === 0)).toBe(
      true,
    );
    const working = await session.listStockOrders({ states: ["confirmed"] });
    expect(working.map((order) => order.cancel?.endsWith("/cancel/"))).toEqual([true]);

    const first = all[0];
    if (!first) throw new Error("no orders");
    expect(await session.getStockOrder(first.id)).toEqual(first);
  });
});

describe("equity instruments and quotes through the client", () => {
  it("resolves an order's instrument by id (GET /instruments/{id}/) and 404s an unknown id", async () => {
    const [order] = await session.listStockOrders({ states: ["filled"], pageSize: 1 });
    const id = order?.instrument_id as string;
    const instrument = await session.getStockInstrument(id);
    expect(instrument.symbol).toBe(order?.symbol);
    expect(instrument.url).toBe(order?.instrument);

    const error = await session
      .getStockInstrument("00000000-0000-4000-8000-000000000000")
      .catch((caught: unknown) => caught);
    expect(isRobinhoodError(error) && error.code).toBe("not_found");
  });

  it("quotes by symbol in the requested order, leaving unknown symbols out", async () => {
    const quotes = await session.getStockQuotesBySymbol(["SOFI", "NOPE", "aapl"]);
    expect(quotes.map((quote) => quote.symbol)).toEqual(["SOFI", "AAPL"]);
    for (const quote of quotes) {
      expect(cents(quote.last_trade_price)).toBe(history.closeCents(quote.symbol, history.lastDay));
    }
  });

  it("quotes by instrument URL, and rejects a bare id there as Robinhood does", async () => {
    const sofi = history.stockInstruments.find((s) => s.symbol === "SOFI");
    const headers = { Authorization: `Bearer ${session.tokens().accessToken}` };
    const byUrl = await fetch(
      `${simulator.url}/marketdata/quotes/?instruments=${encodeURIComponent(`${simulator.url}/instruments/${sofi?.id}/`)}`,
      { headers },
    );
    expect(((await byUrl.json()) as { results: { symbol: string }[] }).results[0]?.symbol).toBe("SOFI");
    const bare = await fetch(`${simulator.url}/marketdata/quotes/?instruments=${sofi?.id}`, { headers });
    expect(bare.status).toBe(400);
    expect(await bare.json()).toEqual({ instruments: ["Invalid instrument url(s)."] });
  });
});
