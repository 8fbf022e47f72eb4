import fc from "fast-check";
import {
  contractKey,
  type OptionContract,
  type PnlExecution,
  type PnlInput,
  type PnlLifecycleEvent,
  type PnlStockTrade,
} from "@/lib/pnl";
import { mulberry32 } from "@/simulator/market/prng";

/**
 * Random but coherent option histories for property tests: fills on a handful of contracts (one
 * expires inside the window, one has a 10-share multiplier), partial closes, same-instant days,
 * expirations, assignments and exercises, occasional closes and events with no open position, and
 * marks on a random subset of contracts. Stock trades (whole and fractional shares, some sold short,
 * some sharing an instant, a few after `asOf`) go into the same ledger as delivered shares.
 */
const CONTRACTS: OptionContract[] = [
  { underlying: "AAA", expiration: "2030-01-18", strike: "50", optionType: "call", multiplier: "100" },
  { underlying: "AAA", expiration: "2030-02-15", strike: "45.5", optionType: "call", multiplier: "100" },
  { underlying: "BBB", expiration: "2024-01-10", strike: "12", optionType: "put", multiplier: "100" },
  { underlying: "CCC", expiration: "2030-03-15", strike: "101.25", optionType: "put", multiplier: "10" },
];

const step = fc.record({
  contract: fc.integer({ min: 0, max: CONTRACTS.length - 1 }),
  kind: fc.constantFrom("open", "open", "close", "close", "event", "roll", "spread"),
  pick: fc.nat(),
  long: fc.boolean(),
  quantity: fc.integer({ min: 1, max: 6 }),
  cents: fc.integer({ min: 0, max: 2500 }),
  feeMills: fc.integer({ min: 0, max: 70 }),
  advance: fc.constantFrom(0, 0, 1, 2),
  timed: fc.boolean(),
  orphan: fc.integer({ min: 0, max: 19 }),
  event: fc.constantFrom("expiration", "assignment", "exercise"),
});

const SYMBOLS = ["AAA", "BBB", "CCC"] as const;

const stockStep = fc.record({
  symbol: fc.constantFrom(...SYMBOLS),
  buy: fc.constantFrom(true, true, false),
  // Hundredths of a share: whole lots most of the time, fractional shares sometimes.
  hundredths: fc.oneof(
    fc.integer({ min: 1, max: 3 }).map((lots) => lots * 10_000),
    fc.integer({ min: 1, max: 30_000 }),
  ),
  cents: fc.integer({ min: 0, max: 9000 }),
  feeMills: fc.integer({ min: 0, max: 40 }),
  day: fc.integer({ min: 0, max: 64 }),
  timed: fc.boolean(),
});

export const historyArbitrary = fc
  .record({
    steps: fc.array(step, { minLength: 1, maxLength: 40 }),
    stockSteps: fc.array(stockStep, { maxLength: 14 }),
    marked: fc.array(fc.boolean(), { minLength: CONTRACTS.length, maxLength: CONTRACTS.length }),
    markCents: fc.array(fc.integer({ min: 0, max: 3000 }), {
      minLength: CONTRACTS.length,
      maxLength: CONTRACTS.length,
    }),
    shuffleSeed: fc.integer(),
  })
  .map(({ steps, stockSteps, marked, markCents, shuffleSeed }) => ({
    input: { ...build(steps, marked, markCents), stockTrades: buildStockTrades(stockSteps) },
    shuffleSeed,
  }));

type StockStep = (typeof stockStep extends fc.Arbitrary<infer T> ? T : never) & object;

function buildStockTrades(steps: StockStep[]): PnlStockTrade[] {
  return steps.map((item, index) => {
    const date = new Date(Date.UTC(2024, 0, 2) + item.day * 86_400_000).toISOString().slice(0, 10);
    return {
      id: `s${String(index).padStart(3, "0")}`,
      accountId: "acct",
      orderId: null,
      symbol: item.symbol,
      side: item.buy ? "buy" : "sell",
      quantity: (item.hundredths / 100).toFixed(2),
      price: (item.cents / 100).toFixed(2),
      fees: (item.feeMills / 1000).toFixed(3),
      // Untimed trades share the day's instant, like an activity-report import.
      executedAt: `${date}T${item.timed ? `14:${String(index % 60).padStart(2, "0")}` : "12:00"}:00.000Z`,
      tradeDate: date,
    };
  });
}

type Step = (typeof step extends fc.Arbitrary<infer T> ? T : never) & object;

// Contracts 0 and 1 share underlying and type, so positions in them can roll into each other.
const ROLL_PARTNER: Record<number, number> = { 0: 1, 1: 0 };

function build(steps: Step[], marked: boolean[], markCents: number[]): PnlInput {
  const open = new Map<string, number>();
  const executions: PnlExecution[] = [];
  const events: PnlLifecycleEvent[] = [];
  let day = 0;
  const fillOf = (
    item: Step,
    id: string,
    target: { contract: number; long: boolean; open: boolean; quantity: number; date: string },
    orderId: string | null = null,
  ) => {
    const buy = target.open ? target.long : !target.long;
    executions.push({
      id,
      accountId: "acct",
      orderId,
      contract: CONTRACTS[target.contract] as OptionContract,
      side: buy ? "buy" : "sell",
      positionEffect: target.open ? "open" : "close",
      quantity: String(target.quantity),
      price: (item.cents / 100).toFixed(2),
      fees: (item.feeMills / 1000).toFixed(3),
      // Untimed fills share the day's instant, like an activity-report import.
      executedAt: `${target.date}T${item.timed ? `15:${String(Number(id.slice(1, 4)) % 60).padStart(2, "0")}` : "12:00"}:00.000Z`,
      tradeDate: target.date,
    });
  };
  steps.forEach((item, index) => {
    day += item.advance;
    const date = new Date(Date.UTC(2024, 0, 2) + day * 86_400_000).toISOString().slice(0, 10);
    const id = String(index).padStart(3, "0");
    const orphan = item.orphan === 0;
    const held = [...open.entries()]
      .filter(([, quantity]) => quantity > 0)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    // Closes, events and rolls act on a position actually held (or, rarely, on nothing at all).
    const chosen = held.length > 0 && !orphan ? held[item.pick % held.length] : undefined;
    const [contract, long] = chosen ? parseKey(chosen[0]) : [item.contract, item.long];
    const key = `${contract}:${long}`;
    const holding = open.get(key) ?? 0;
    if (item.kind === "spread") {
      // Two legs opened together, one bought and one sold, in one order when timed (order-less
      // otherwise, like an activity report): a vertical, calendar or diagonal on AAA calls.
      const other = ROLL_PARTNER[item.contract] ?? 0;
      const partner = other === item.contract ? 1 : other;
      const orderId = item.timed ? `s${id}` : null;
      for (const [contract, long, suffix] of [
        [item.contract === 2 || item.contract === 3 ? 0 : item.contract, item.long, "a"],
        [partner, !item.long, "b"],
      ] as const) {
        open.set(`${contract}:${long}`, (open.get(`${contract}:${long}`) ?? 0) + item.quantity);
        fillOf(
          item,
          `e${id}${suffix}`,
          { contract, long, open: true, quantity: item.quantity, date },
          orderId,
        );
      }
      return;
    }
    if (item.kind === "open" || (item.kind !== "event" && chosen === undefined && !orphan)) {
      open.set(
        `${item.contract}:${item.long}`,
        (open.get(`${item.contract}:${item.long}`) ?? 0) + item.quantity,
      );
      fillOf(item, `e${id}`, {
        contract: item.contract,
        long: item.long,
        open: true,
        quantity: item.quantity,
        date,
      });
      return;
    }
    const quantity = orphan ? item.quantity : Math.min(item.quantity, holding);
    if (item.kind === "event") {
      if (quantity === 0) return;
      open.set(key, Math.max(0, holding - quantity));
      const type = long
        ? item.event === "assignment"
          ? "exercise"
          : item.event
        : item.event === "exercise"
          ? "assignment"
          : item.event;
      events.push({
        id: `v${id}`,
        accountId: "acct",
        type,
        contract: CONTRACTS[contract] as OptionContract,
        quantity: String(quantity),
        date,
        direction: long ? "long" : "short",
        stockFees: item.feeMills > 50 ? `0.0${item.feeMills - 50}` : null,
      });
      return;
    }
    open.set(key, Math.max(0, holding - quantity));
    fillOf(item, `e${id}`, { contract, long, open: false, quantity, date });
    const partner = ROLL_PARTNER[contract];
    if (item.kind === "roll" && partner !== undefined) {
      // Reopen the same side in the partner contract, sometimes at a different size.
      const size = Math.max(1, quantity + (item.pick % 3) - 1);
      open.set(`${partner}:${long}`, (open.get(`${partner}:${long}`) ?? 0) + size);
      fillOf(item, `r${id}`, { contract: partner, long, open: true, quantity: size, date });
    }
  });
  const marks: Record<string, string> = {};
  CONTRACTS.forEach((contract, index) => {
    if (marked[index]) marks[contractKey(contract)] = ((markCents[index] ?? 0) / 100).toFixed(2);
  });
  return { executions, events, marks, stockMarks: { AAA: "51.37" }, asOf: "2024-03-01" };
}

function parseKey(key: string): [number, boolean] {
  const [contract, long] = key.split(":");
  return [Number(contract), long === "true"];
}

/** A deterministic shuffle (mulberry32), so a failing case replays from fast-check's seed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const next = mulberry32(seed);
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}
