import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { writeActivityReport } from "@/simulator/activity-report";
import { generateHistory } from "@/simulator/history/generate-history";
import type { SimContract, SimHistory } from "@/simulator/history/types";

/**
 * How the traders' histories share underlyings. `shared`: every trader trades the simulator's seven
 * underlyings, so in one account an underlying is flat only when all of them are at once (the
 * worst case for an incremental recompute, which replays an underlying from its last flat moment).
 * `distinct`: trader k's tickers carry a letter of their own (AAPL, AAPLB, AAPLC, …), so the
 * account trades seven underlyings per trader, like one trader of many tickers, each going flat
 * between positions; every trader's equity orders are kept too (`shared` keeps the first's only).
 */
export type HistoryShape = "shared" | "distinct";

/**
 * A long activity report for the big-import benchmark: the simulator's histories of `traders`
 * traders over `months` months each, written as ONE account's report (the writer sorts every row
 * newest first), so one file holds about 4,300 rows per trader-decade. Deterministic; generating it
 * takes tens of seconds, so it is kept under `.data/bench/` and reused.
 */
export function longActivityReport(options: {
  traders: number;
  months: number;
  shape?: HistoryShape;
}): string {
  const shape = options.shape ?? "shared";
  const file = path.resolve(
    ".data/bench",
    `activity-${options.traders}x${options.months}m${shape === "shared" ? "" : `-${shape}`}.csv`,
  );
  if (existsSync(file)) return file;
  let merged: SimHistory | null = null;
  for (let trader = 0; trader < options.traders; trader++) {
    const generated = generateHistory({
      seed: 20261203,
      userKey: `bench-trader-${trader}`,
      username: `bench-trader-${trader}@rollbook.dev`,
      months: options.months,
    });
    const history = shape === "distinct" ? withTickerSuffix(generated, tickerSuffix(trader)) : generated;
    if (merged === null)
      merged = {
        ...history,
        orders: [...history.orders],
        stockOrders: [...history.stockOrders],
        events: [...history.events],
        stockInstruments: [...history.stockInstruments],
      };
    else {
      for (const order of history.orders) merged.orders.push(order);
      for (const event of history.events) merged.events.push(event);
      for (const instrument of history.stockInstruments) merged.stockInstruments.push(instrument);
      if (shape === "distinct") for (const order of history.stockOrders) merged.stockOrders.push(order);
    }
  }
  if (merged === null) throw new Error("traders must be at least 1");
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, writeActivityReport(merged));
  renameSync(`${file}.tmp`, file);
  return file;
}

/** "" for the first trader, then B … Z, then BB, BC …: AAPL, AAPLB, …, AAPLZ, AAPLBB. */
function tickerSuffix(trader: number): string {
  let suffix = "";
  for (let rest = trader; rest > 0; rest = Math.floor((rest - 1) / 25))
    suffix = String.fromCharCode(66 + ((rest - 1) % 25)) + suffix;
  return suffix;
}

/** The same history on renamed tickers: its contracts, orders, events and equity orders. */
function withTickerSuffix(history: SimHistory, suffix: string): SimHistory {
  if (suffix === "") return history;
  const contracts = new Map<SimContract, SimContract>();
  const renamed = (contract: SimContract): SimContract => {
    let copy = contracts.get(contract);
    if (!copy) {
      copy = { ...contract, symbol: contract.symbol + suffix };
      contracts.set(contract, copy);
    }
    return copy;
  };
  return {
    ...history,
    orders: history.orders.map((order) => ({
      ...order,
      symbol: order.symbol + suffix,
      legs: order.legs.map((leg) => ({ ...leg, contract: renamed(leg.contract) })),
    })),
    events: history.events.map((event) => ({
      ...event,
      contract: renamed(event.contract),
      equity: event.equity && { ...event.equity, symbol: event.equity.symbol + suffix },
    })),
    stockOrders: history.stockOrders.map((order) => ({ ...order, symbol: order.symbol + suffix })),
  };
}

/**
 * The report cut after its last whole row that fits in `maxBytes` (the upload limit), so the big
 * import measures the largest file a user can upload. The report is sorted newest first, so the cut
 * drops the oldest rows. A row starts with its quoted activity date at the start of a line (some
 * descriptions span lines, so not every line starts a row). Kept beside the report.
 */
export function cutToSize(file: string, maxBytes: number): string {
  const cut = file.replace(/\.csv$/, `-${maxBytes}b.csv`);
  if (existsSync(cut)) return cut;
  const bytes = readFileSync(file);
  let end = bytes.byteLength;
  if (end > maxBytes) {
    const tail = bytes.subarray(maxBytes - 65_536, maxBytes).toString("latin1");
    const starts = [...tail.matchAll(/\n"\d{1,2}\/\d{1,2}\/\d{4}",/g)];
    const last = starts.at(-1);
    if (last?.index === undefined) throw new Error("no row starts in the last 64 KB before the limit");
    end = maxBytes - 65_536 + last.index + 1;
  }
  writeFileSync(`${cut}.tmp`, bytes.subarray(0, end));
  renameSync(`${cut}.tmp`, cut);
  return cut;
}

export function fileSize(file: string): number {
  return readFileSync(file).byteLength;
}
