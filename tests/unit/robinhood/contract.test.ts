import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  optionEventSchema,
  optionInstrumentSchema,
  optionMarketDataSchema,
  optionOrderSchema,
  stockOrderSchema,
} from "@/lib/robinhood/schemas";
import type { RunningSimulator } from "@/simulator";
import { signInDemo, startTestSimulator } from "./helpers";

/**
 * The simulator must look like robinhood-api.md: its records have the key sets of the §7 samples and
 * every value has the same format (decimal places, timestamp precision, URL shape), and both parse
 * with the client's schemas.
 */
type Json = Record<string, unknown>;

function fixture(name: string): Json {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/robinhood/${name}.json`, import.meta.url), "utf8"),
  ) as Json;
}

const UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/** A value's format: what must match between a real sample and the simulator. */
function formatOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  if (typeof value !== "string") return typeof value;
  if (new RegExp(`^${UUID}$`).test(value)) return "uuid";
  if (new RegExp(`^${UUID}_[LS]1$`).test(value)) return "strategy-code";
  const timestamp = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(value);
  if (timestamp)
    return `timestamp(${timestamp[1]?.length ?? 0} digits, ${timestamp[2] === "Z" ? "Z" : "offset"})`;
  if (/^\d{4}-\d\d-\d\d$/.test(value)) return "date";
  if (/^https?:\/\//.test(value))
    return `url(${new URL(value).pathname.replace(new RegExp(UUID, "g"), "{id}").replace(/\/accounts\/\w+\//, "/accounts/{acct}/")})`;
  const decimal = /^-?\d+(?:\.(\d+))?$/.exec(value);
  if (decimal) return `decimal(${decimal[1]?.length ?? 0})`;
  return "string";
}

/** Fields whose format legitimately varies between records (robinhood-api.md §3.2: "Format varies"). */
const VARYING = new Set(["processed_premium"]);

function expectSameShape(simulated: Json, sample: Json, where: string): void {
  expect(Object.keys(simulated).sort(), `${where}: key set`).toEqual(Object.keys(sample).sort());
  for (const [key, expected] of Object.entries(sample)) {
    const actual = simulated[key];
    const path = `${where}.${key}`;
    if (VARYING.has(key)) {
      expect(formatOf(actual), path).toMatch(/^decimal\(\d\)$/);
    } else if (Array.isArray(expected) && expected.length > 0) {
      expect(Array.isArray(actual) && actual.length > 0, `${path} is a non-empty array`).toBe(true);
      expectSameShape((actual as Json[])[0] as Json, expected[0] as Json, `${path}[0]`);
    } else if (expected && typeof expected === "object" && !Array.isArray(expected)) {
      expectSameShape(actual as Json, expected as Json, path);
    } else {
      expect(formatOf(actual), path).toBe(formatOf(expected));
    }
  }
}

/** §3.2: order, leg and execution ids start with their creation (or fill) time in Unix seconds. */
function expectTimePrefixedIds(order: Json): void {
  const seconds = (iso: unknown) => Math.floor(Date.parse(String(iso)) / 1000).toString(16);
  expect(String(order.id).slice(0, 8)).toBe(seconds(order.created_at));
  for (const leg of order.legs as Json[]) {
    expect(String(leg.id).slice(0, 8)).toBe(seconds(order.created_at));
    for (const execution of leg.executions as Json[]) {
      expect(
        Number.parseInt(String(execution.id).slice(0, 8), 16) -
          Number.parseInt(seconds(execution.timestamp), 16),
      ).toBeLessThanOrEqual(1);
    }
  }
}

let simulator: RunningSimulator;
let base: string;
let get: (path: string) => Promise<Json>;

beforeAll(async () => {
  simulator = await startTestSimulator();
  base = simulator.url;
  const { session } = await signInDemo(simulator);
  const token = session.tokens().accessToken;
  get = async (path) =>
    (await (await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Json;
});
afterAll(async () => {
  await simulator.close();
});

async function allResults(path: string): Promise<Json[]> {
  const out: Json[] = [];
  let url: string | null = `${path}${path.includes("?") ? "&" : "?"}page_size=500`;
  while (url) {
    const page = await get(url);
    out.push(...(page.results as Json[]));
    url = typeof page.next === "string" ? page.next.slice(base.length) : null;
  }
  return out;
}

describe("the §7 samples", () => {
  it.each([
    ["option-order-filled", optionOrderSchema],
    ["option-order-roll", optionOrderSchema],
    ["option-instrument", optionInstrumentSchema],
    ["option-market-data", optionMarketDataSchema],
    ["option-event-expiration", optionEventSchema],
    ["option-event-assignment", optionEventSchema],
  ] as const)("%s parses with the client schema", (name, schema) => {
    const parsed = schema.safeParse(fixture(name));
    expect(parsed.success ? "ok" : parsed.error.message).toBe("ok");
  });

  it("follow the time-prefix rule for order, leg and execution ids", () => {
    expectTimePrefixedIds(fixture("option-order-filled"));
    expectTimePrefixedIds(fixture("option-order-roll"));
  });
});

describe("simulator records match the samples' keys and formats", () => {
  it("a filled single-leg opening order (§7.1)", async () => {
    const orders = await allResults("/options/orders/");
    const order = orders.find(
      (o) =>
        o.state === "filled" &&
        (o.legs as Json[]).length === 1 &&
        o.opening_strategy === "short_put" &&
        (o.legs as Json[])[0]?.side === "sell",
    );
    expect(order).toBeDefined();
    expectSameShape(order as Json, fixture("option-order-filled"), "order");
    for (const each of orders) expectTimePrefixedIds(each);
  });

  it("a filled one-order roll (§7.2)", async () => {
    const orders = await allResults("/options/orders/?states=filled");
    const roll = orders.find(
      (o) =>
        o.form_source === "strategy_roll" &&
        o.closing_strategy === "short_call" &&
        o.strategy === "short_call_calendar_spread",
    );
    expect(roll).toBeDefined();
    expectSameShape(roll as Json, fixture("option-order-roll"), "roll");
    expect(((roll?.legs ?? []) as Json[]).map((leg) => `${leg.side}/${leg.position_effect}`)).toEqual([
      "buy/close",
      "sell/open",
    ]);
  });

  it("an option instrument (§7.3)", async () => {
    const [instrument] = await allResults("/options/instruments/?state=active");
    expectSameShape(instrument as Json, fixture("option-instrument"), "instrument");
  });

  it("a market-data record (§7.4)", async () => {
    const [position] = await allResults("/options/positions/?nonzero=true");
    const batch = await get(`/marketdata/options/?ids=${String(position?.option_id)}`);
    const [record] = batch.results as Json[];
    expectSameShape(record as Json, fixture("option-market-data"), "marketdata");
  });

  it("an expiration and an assignment event (§7.5, §7.6)", async () => {
    const events = await allResults("/options/events/");
    const expiration = events.find((e) => e.type === "expiration" && e.state === "confirmed");
    const assignment = events.find(
      (e) => e.type === "assignment" && (e.equity_components as Json[])[0]?.side === "sell",
    );
    expectSameShape(expiration as Json, fixture("option-event-expiration"), "expiration");
    expectSameShape(assignment as Json, fixture("option-event-assignment"), "assignment");
  });

  it("every record of every list endpoint parses with the client schemas", async () => {
    const checks: [string, { safeParse(value: unknown): { success: boolean } }][] = [
      ["/options/orders/", optionOrderSchema],
      ["/options/instruments/", optionInstrumentSchema],
      ["/options/events/", optionEventSchema],
      ["/orders/", stockOrderSchema],
    ];
    for (const [path, schema] of checks) {
      const records = await allResults(path);
      expect(records.length, path).toBeGreaterThan(10);
      expect(
        records.filter((record) => !schema.safeParse(record).success),
        path,
      ).toEqual([]);
    }
  });
});

describe("formatOf", () => {
  it("tells apart the formats the contract compares", () => {
    expect(formatOf("1.27000000")).toBe("decimal(8)");
    expect(formatOf("-0.80000000")).toBe("decimal(8)");
    expect(formatOf("2025-01-06T15:02:12.031000Z")).toBe("timestamp(6 digits, Z)");
    expect(formatOf("2025-01-15T18:40:01.230917664Z")).toBe("timestamp(9 digits, Z)");
    expect(formatOf("2025-02-21T20:30:00+00:00")).toBe("timestamp(0 digits, offset)");
    expect(
      formatOf("https://api.robinhood.com/options/instruments/c0ffee00-0000-4000-8000-0000000c0221/"),
    ).toBe("url(/options/instruments/{id}/)");
    expect(formatOf("4F7C2D9A-3B1E-4C55-9A0D-6E2F1B7C8D90")).toBe("uuid");
  });
});
