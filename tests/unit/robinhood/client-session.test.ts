import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { OptionOrder, RobinhoodSession, RobinhoodTokens } from "@/lib/robinhood/client";
import type { RunningSimulator } from "@/simulator";
import { DEMO_DEVICE_TOKEN, signInDemo, startTestSimulator, testClient } from "./helpers";

let simulator: RunningSimulator;
let session: RobinhoodSession;
let accountNumber: string;
let allOrders: OptionOrder[];

const instrumentId = (url: string) => url.split("/").at(-2) ?? "";

beforeAll(async () => {
  simulator = await startTestSimulator();
  ({ session } = await signInDemo(simulator));
  const [account] = await session.listAccounts();
  accountNumber = account?.account_number ?? "";
  allOrders = await session.listOptionOrders({ accountNumber });
});
afterAll(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.controls.reset();
});

describe("identity", () => {
  it("returns the stable user id and the account with its number and cash", async () => {
    const user = await session.getUser();
    const history = simulator.controls.history("demo@rollbook.dev");
    expect(user.id).toBe(history.user.id);
    const accounts = await session.listAccounts();
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({
      account_number: history.account.accountNumber,
      user_id: user.id,
      type: "margin",
      deactivated: false,
    });
    const cents = history.cashCents;
    expect(accounts[0]?.cash).toBe(
      `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, "0")}`,
    );
    expect(simulator.controls.requests({ path: "/accounts/" })[0]?.query).toEqual({
      default_to_all_accounts: "true",
    });
  });
});

describe("options orders", () => {
  it("follows every next cursor, newest first, and returns the whole history", async () => {
    const history = simulator.controls.history("demo@rollbook.dev");
    expect(allOrders).toHaveLength(history.orders.length);
    expect(allOrders.length).toBeGreaterThan(300);
    const created = allOrders.map((order) => order.created_at);
    expect([...created].sort().reverse()).toEqual(created);
    simulator.controls.clearRequests();
    const small = await session.listOptionOrders({ accountNumber, pageSize: 100 });
    expect(small.map((o) => o.id)).toEqual(allOrders.map((o) => o.id));
    const pages = simulator.controls.requests({ path: "/options/orders/" });
    expect(pages).toHaveLength(Math.ceil(allOrders.length / 100));
    expect(pages[0]?.query).toEqual({ account_numbers: accountNumber, page_size: "100" });
    expect(pages[1]?.query.cursor).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(pages[1]?.query.account_numbers).toBe(accountNumber);
  });

  it("yields pages one at a time", async () => {
    const sizes: number[] = [];
    for await (const page of session.optionOrderPages({ accountNumber, pageSize: 200 }))
      sizes.push(page.length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(allOrders.length);
    expect(sizes[0]).toBe(200);
  });

  it("fetches only orders updated since a watermark (updated_at[gte])", async () => {
    const watermark = "2026-10-01T00:00:00Z";
    const recent = await session.listOptionOrders({ accountNumber, updatedSince: new Date(watermark) });
    const expected = allOrders.filter((order) => order.updated_at >= "2026-10-01T00:00:00");
    expect(recent.map((o) => o.id)).toEqual(expected.map((o) => o.id));
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(allOrders.length);
    expect(simulator.controls.requests({ path: "/options/orders/" })[0]?.query["updated_at[gte]"]).toBe(
      "2026-10-01T00:00:00.000Z",
    );
  });

  it("reads one order by id with legs and executions", async () => {
    const roll = allOrders.find(
      (order) => order.legs.length === 2 && order.opening_strategy && order.closing_strategy,
    );
    expect(roll).toBeDefined();
    const one = await session.getOptionOrder(roll?.id ?? "");
    expect(one).toEqual(roll);
    expect(one.legs.map((leg) => leg.position_effect).sort()).toEqual(["close", "open"]);
  });

  it("filters by state", async () => {
    const working = await session.listOptionOrders({ accountNumber, states: ["confirmed", "queued"] });
    expect(working.length).toBeGreaterThan(0);
    expect(working.every((o) => o.cancel_url !== null && ["confirmed", "queued"].includes(o.state))).toBe(
      true,
    );
  });
});

describe("positions, instruments, market data, events, stock", () => {
  it("lists open positions (nonzero) and every row ever held", async () => {
    const open = await session.listOptionPositions({ accountNumber });
    const every = await session.listOptionPositions({ accountNumber, nonzero: false });
    expect(open.length).toBeGreaterThan(0);
    expect(every.length).toBeGreaterThan(open.length);
    expect(open.every((p) => Number(p.quantity) > 0)).toBe(true);
    expect(every.some((p) => p.quantity === "0.0000")).toBe(true);
    for (const p of open)
      expect(p.type === "short" ? Number(p.average_price) < 0 : Number(p.average_price) > 0).toBe(true);
    const aggregates = await session.listOptionAggregatePositions({ accountNumber });
    const legQuantity = aggregates.flatMap((a) =>
      a.legs.map((leg) => [leg.option_id, leg.position_type, Number(a.quantity)] as const),
    );
    for (const [optionId, type, quantity] of legQuantity) {
      const row = open.find((p) => p.option_id === optionId && p.type === type);
      expect(Number(row?.quantity)).toBeGreaterThanOrEqual(quantity);
    }
  });

  it("gets instruments in batches, in request order, ignoring unknown ids", async () => {
    const ids = [...new Set(allOrders.flatMap((o) => o.legs.map((leg) => instrumentId(leg.option))))];
    const unknown = "00000000-0000-4000-8000-000000000000";
    const instruments = await session.getOptionInstruments([...ids, unknown], { batchSize: 40 });
    expect(instruments.map((i) => i.id)).toEqual(ids);
    expect(simulator.controls.countRequests({ path: "/options/instruments/" })).toBe(
      Math.ceil((ids.length + 1) / 40),
    );
    const leg = allOrders[0]?.legs[0];
    const match = instruments.find((i) => i.id === instrumentId(leg?.option ?? ""));
    expect(match).toMatchObject({
      strike_price: leg?.strike_price,
      expiration_date: leg?.expiration_date,
      type: leg?.option_type,
    });
    const chains = await session.getOptionChains([...new Set(instruments.map((i) => i.chain_id))]);
    expect(chains.length).toBeGreaterThan(3);
    expect(chains.every((chain) => chain.trade_value_multiplier === "100.0000")).toBe(true);
  });

  it("gets marks for every open contract in batches; unknown ids are left out", async () => {
    const open = await session.listOptionPositions({ accountNumber });
    const ids = open.map((p) => p.option_id);
    simulator.controls.clearRequests();
    const marks = await session.getOptionMarketData([...ids, "00000000-0000-4000-8000-000000000001"], {
      batchSize: 3,
    });
    expect(marks.map((m) => m.instrument_id)).toEqual([...new Set(ids)]);
    expect(simulator.controls.countRequests({ path: "/marketdata/options/" })).toBe(
      Math.ceil((new Set(ids).size + 1) / 3),
    );
    for (const mark of marks) {
      expect(Number(mark.mark_price)).toBeGreaterThanOrEqual(Number(mark.bid_price));
      expect(Number(mark.mark_price)).toBeLessThanOrEqual(Number(mark.ask_price));
    }
  });

  it("lists expirations, assignments and exercises with their stock side", async () => {
    const events = await session.listOptionEvents({ accountNumber });
    const history = simulator.controls.history("demo@rollbook.dev");
    expect(events).toHaveLength(history.events.length);
    const types = new Set(events.map((e) => e.type));
    expect([...types].sort()).toEqual(["assignment", "exercise", "expiration"]);
    for (const event of events) {
      if (event.type === "expiration") {
        expect(event.equity_components).toEqual([]);
        expect(event.total_cash_amount).toBe("0");
      } else {
        const [stock] = event.equity_components;
        expect(Number(stock?.quantity)).toBe(Number(event.quantity) * 100);
        expect(Number(event.total_cash_amount)).toBeCloseTo(
          Number(stock?.price) * Number(stock?.quantity),
          6,
        );
      }
    }
    const chainId = events[0]?.chain_id ?? "";
    const filtered = await session.listOptionEvents({ accountNumber, chainIds: [chainId] });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((e) => e.chain_id === chainId)).toBe(true);
  });

  it("resolves the stock side: instruments, positions and quotes", async () => {
    const events = await session.listOptionEvents({ accountNumber });
    const stockIds = [
      ...new Set(events.flatMap((e) => e.equity_components.map((c) => instrumentId(c.instrument)))),
    ];
    const instruments = await session.getStockInstruments(stockIds);
    expect(instruments.map((i) => i.id)).toEqual(stockIds);
    const symbols = new Set(events.flatMap((e) => e.equity_components.map((c) => c.symbol)));
    expect(new Set(instruments.map((i) => i.symbol))).toEqual(symbols);
    const positions = await session.listStockPositions({ accountNumber });
    const quotes = await session.getStockQuotes(positions.map((p) => p.instrument_id ?? ""));
    expect(quotes.map((q) => q.symbol)).toEqual(positions.map((p) => p.symbol));
  });
});

describe("session tokens", () => {
  it("refreshes an expired access token once, hands the new pair to the caller and retries", async () => {
    const { client } = testClient(simulator);
    const outcome = await client.login({
      username: "demo@rollbook.dev",
      password: "rollbook-demo",
      deviceToken: DEMO_DEVICE_TOKEN,
    });
    if (outcome.kind !== "authenticated") throw new Error(outcome.kind);
    const saved: RobinhoodTokens[] = [];
    const own = client.createSession(outcome.tokens, {
      deviceToken: DEMO_DEVICE_TOKEN,
      onTokensRefreshed: (tokens) => void saved.push(tokens),
    });
    simulator.controls.expireAccessTokens();
    simulator.controls.clearRequests();
    const [user, accounts] = await Promise.all([own.getUser(), own.listAccounts()]);
    expect(user.username).toBe("demo@rollbook.dev");
    expect(accounts).toHaveLength(1);
    expect(saved).toHaveLength(1);
    expect(own.tokens().accessToken).toBe(saved[0]?.accessToken);
    expect(saved[0]?.refreshToken).not.toBe(outcome.tokens.refreshToken);
    expect(
      simulator.controls
        .requests()
        .map((r) => `${r.path} ${r.status}`)
        .sort(),
    ).toEqual(["/accounts/ 200", "/accounts/ 401", "/oauth2/token/ 200", "/user/ 200", "/user/ 401"].sort());
  });

  it("fails with session_expired when the refresh token is gone too", async () => {
    const { client } = testClient(simulator);
    const outcome = await client.login({
      username: "demo@rollbook.dev",
      password: "rollbook-demo",
      deviceToken: DEMO_DEVICE_TOKEN,
    });
    if (outcome.kind !== "authenticated") throw new Error(outcome.kind);
    const own = client.createSession(outcome.tokens);
    await own.revoke();
    const error = await own.getUser().catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "session_expired",
      userMessage: "Your Robinhood session has expired. Sign in to Robinhood again.",
    });
    expect(String((error as Error).message)).not.toContain(outcome.tokens.accessToken);
  });
});
