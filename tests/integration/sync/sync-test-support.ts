import type pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import {
  type ClientRuntime,
  createRobinhoodClient,
  type RobinhoodClientOptions,
  type RobinhoodTokens,
} from "@/lib/robinhood/client";
import { INPUT_TABLES } from "@/lib/server/recompute/refresh-input-statistics";
import {
  DEFAULT_USERS,
  DEMO_PASSWORD,
  DEMO_USERNAME,
  type RunningSimulator,
  type SimHistory,
  startSimulator,
  TEST_PASSWORD,
} from "@/simulator";
import { isoFromDay } from "@/simulator/market/calendar";
import { setUpTestDatabases, type TestDatabases, truncateAll } from "@/tests/support/test-database";

/** A fixed seed and present, so the generated histories (and every count below) are stable. */
export const SEED = 7_357;
export const SIM_NOW = new Date("2026-11-18T22:00:00Z");
export const TODAY = "2026-11-18";
export const SECOND_USERNAME = "second@rollbook.dev";
export const DEVICE_TOKEN = "5f0c2a8e-93b1-47d2-8e6a-1c4b7d9e2f30";

/** The built-in users plus a second direct-login trader with three months of history. */
export function startSyncSimulator(): Promise<RunningSimulator> {
  return startSimulator({
    port: 0,
    seed: SEED,
    now: SIM_NOW.toISOString(),
    users: [
      ...DEFAULT_USERS,
      { username: SECOND_USERNAME, password: TEST_PASSWORD, flow: { kind: "direct" }, months: 3 },
    ],
  });
}

/** What every sync test file works with: the owner connection, the app's database and a simulator. */
export interface SyncTestbed extends TestDatabases {
  simulator: RunningSimulator;
}

/**
 * Registers the set-up every sync test file shares: connections and a simulator for the file, and
 * an empty database and reset simulator before each test. Its fields are set once `beforeAll` ran.
 */
export function setUpSyncTestbed(): SyncTestbed {
  const bed = setUpTestDatabases() as SyncTestbed;
  beforeAll(async () => {
    bed.simulator = await startSyncSimulator();
  });
  afterAll(async () => {
    await bed.simulator.close();
  });
  beforeEach(async () => {
    await truncateAll(bed.owner);
    bed.simulator.controls.reset();
  });
  return bed;
}

/** The demo trader, signed in, with the Rollbook user id it maps to. */
export async function signInDemo(simulator: RunningSimulator) {
  const signedIn = await signIn(simulator, { username: DEMO_USERNAME, password: DEMO_PASSWORD });
  return { ...signedIn, userId: userIdFromRobinhoodUserId(signedIn.robinhoodUserId) };
}

/** Client time that moves only when the client sleeps: retries run at once, waits are recorded. */
export function fastRuntime() {
  const slept: number[] = [];
  let now = SIM_NOW.getTime();
  const runtime: ClientRuntime = {
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    now: () => now,
    random: () => 0.5,
  };
  return { runtime, slept };
}

export async function signIn(
  simulator: RunningSimulator,
  credentials: { username: string; password: string },
  options: Omit<RobinhoodClientOptions, "baseUrl"> = {},
) {
  const fast = fastRuntime();
  const client = createRobinhoodClient({ baseUrl: simulator.url, runtime: fast.runtime, ...options });
  const outcome = await client.login({ ...credentials, deviceToken: DEVICE_TOKEN });
  if (outcome.kind !== "authenticated") throw new Error(`sign-in needs ${outcome.kind}`);
  const tokens: RobinhoodTokens = outcome.tokens;
  const session = client.createSession(tokens, { deviceToken: DEVICE_TOKEN });
  const robinhoodUserId = (await session.getUser()).id;
  return { client, session, tokens, robinhoodUserId, slept: fast.slept };
}

/** What the simulator serves for a user, counted from its own record of the history. */
export function expectedCounts(history: SimHistory) {
  const legs = history.orders.flatMap((order) => order.legs);
  const contracts = new Map<string, string>();
  for (const leg of legs) contracts.set(leg.contract.id, isoFromDay(leg.contract.expirationDay));
  for (const event of history.events)
    contracts.set(event.contract.id, isoFromDay(event.contract.expirationDay));
  const deliveries = history.events.filter((event) => event.equity !== null);
  const stockFills = history.stockOrders.reduce((n, order) => n + order.executions.length, 0);
  const stockSymbols = new Set([
    ...deliveries.map((event) => event.contract.symbol),
    ...history.stockOrders.filter((order) => order.executions.length > 0).map((order) => order.symbol),
  ]);
  // Quotes: every symbol with shares, and the underlying of every contract not yet expired.
  const liveUnderlyings = [
    ...legs.map((leg) => leg.contract),
    ...history.events.map((event) => event.contract),
  ]
    .filter((contract) => isoFromDay(contract.expirationDay) >= TODAY)
    .map((contract) => contract.symbol);
  return {
    broker_accounts: 1,
    option_orders: history.orders.length,
    option_legs: legs.length,
    option_executions: legs.reduce((n, leg) => n + leg.executions.length, 0),
    option_events: history.events.length,
    /** Stock delivered by assignments and exercises, plus equity-order fills: both are stock_trades rows. */
    stock_trades: deliveries.length + stockFills,
    stock_deliveries: deliveries.length,
    stock_fills: stockFills,
    stock_orders: history.stockOrders.length,
    stock_symbols: stockSymbols.size,
    /** Symbols quoted by a sync: those with shares plus every live contract's underlying. */
    quoted_symbols: new Set([...stockSymbols, ...liveUnderlyings]).size,
    live_underlyings: new Set(liveUnderlyings).size,
    instruments: contracts.size,
    liveInstruments: [...contracts.values()].filter((expiry) => expiry >= TODAY).length,
  };
}

/** The user's raw tables: the accounts, and the five tables of P&L input a sync or an import fills. */
export const RAW_TABLES = ["broker_accounts", ...INPUT_TABLES] as const;

/** Rows of each raw table per user, plus the global contract and mark tables (past row-level security). */
export type RawCounts = Record<(typeof RAW_TABLES)[number] | "option_instruments" | "option_marks", number>;

export async function rawCounts(owner: pg.Client, userId: string): Promise<RawCounts> {
  const counts: Partial<RawCounts> = {};
  for (const table of RAW_TABLES) {
    const { rows } = await owner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`,
      [userId],
    );
    counts[table] = rows[0]?.n ?? 0;
  }
  for (const table of ["option_instruments", "option_marks"] as const) {
    const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0]?.n ?? 0;
  }
  return counts as RawCounts;
}

export async function syncState(owner: pg.Client, userId: string) {
  const { rows } = await owner.query(
    `SELECT status, last_error, orders_watermark, last_started_at, last_finished_at, progress
     FROM sync_states WHERE user_id = $1`,
    [userId],
  );
  return rows[0] as
    | {
        status: string;
        last_error: string | null;
        orders_watermark: Date | null;
        last_started_at: Date | null;
        last_finished_at: Date | null;
        progress: Record<string, unknown> | null;
      }
    | undefined;
}

export async function queueRevision(owner: pg.Client, userId: string): Promise<number | null> {
  const { rows } = await owner.query<{ input_revision: number }>(
    "SELECT input_revision FROM recompute_queue WHERE user_id = $1",
    [userId],
  );
  return rows[0]?.input_revision ?? null;
}
