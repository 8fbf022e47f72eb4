import "server-only";
import type { PnlLifecycleEvent, PnlStockTrade } from "@/lib/pnl";
import type { InstrumentRow } from "./execution-columns";

/**
 * One underlying's inputs dated before a day, exactly as the loader counted them (`pnlInputOfRows`:
 * imported rows the synced history replaces already left out), kept so a later recompute reads only
 * the rows dated from that day on (docs/RECOMPUTE.md, "Saved inputs"). Fills are the numbers the
 * engine's columns hold (micros, epoch milliseconds, day numbers); accounts, orders and contracts
 * are listed once and named by index. Stored as JSON: the numbers are safe integers, which JSON
 * carries exactly.
 */
export type InputSnapshot = {
  format: typeof INPUT_SNAPSHOT_FORMAT;
  instruments: InstrumentRow[];
  accounts: string[];
  orders: string[];
  fills: {
    id: string[];
    account: number[];
    instrument: number[];
    /** Index into `orders`, or −1 when the fill's order is not known. */
    order: number[];
    flags: number[];
    quantity: number[];
    price: number[];
    fees: number[];
    executedAtMs: number[];
    tradeDay: number[];
  };
  /** The broker's `opening_strategy` of the fills that have one, by execution id. */
  openingStrategies: [string, string][];
  /** Events with their contract named by index into `instruments`. */
  events: (Omit<PnlLifecycleEvent, "contract"> & { instrument: number })[];
  stockTrades: PnlStockTrade[];
  /** The first and last trading dates of the inputs it holds. */
  firstDay: string | null;
  lastDay: string | null;
  /** Epoch milliseconds of the newest change among its rows. */
  watermarkMs: number;
};

/** Bumped whenever the shape above changes: a snapshot of another format is not read. */
export const INPUT_SNAPSHOT_FORMAT = 1;

/** Collects one underlying's inputs dated before `beforeDay` while the loader reads them. */
export class InputSnapshotRecorder {
  private readonly instrumentIndex = new Map<string, number>();
  private readonly accountIndex = new Map<string, number>();
  private readonly orderIndex = new Map<string, number>();
  readonly snapshot: InputSnapshot = {
    format: INPUT_SNAPSHOT_FORMAT,
    instruments: [],
    accounts: [],
    orders: [],
    fills: {
      id: [],
      account: [],
      instrument: [],
      order: [],
      flags: [],
      quantity: [],
      price: [],
      fees: [],
      executedAtMs: [],
      tradeDay: [],
    },
    openingStrategies: [],
    events: [],
    stockTrades: [],
    firstDay: null,
    lastDay: null,
    watermarkMs: Number.NEGATIVE_INFINITY,
  };

  constructor(readonly beforeDay: string) {}

  fill(fill: {
    id: string;
    accountId: string;
    instrument: InstrumentRow;
    orderId: string | null;
    flags: number;
    quantity: number;
    price: number;
    fees: number;
    executedAtMs: number;
    tradeDay: number;
    tradeDate: string;
    openingStrategy: string | undefined;
    changedMs: number;
  }): void {
    const { fills } = this.snapshot;
    fills.id.push(fill.id);
    fills.account.push(indexOf(this.accountIndex, this.snapshot.accounts, fill.accountId));
    fills.instrument.push(this.instrument(fill.instrument));
    fills.order.push(
      fill.orderId === null ? -1 : indexOf(this.orderIndex, this.snapshot.orders, fill.orderId),
    );
    fills.flags.push(fill.flags);
    fills.quantity.push(fill.quantity);
    fills.price.push(fill.price);
    fills.fees.push(fill.fees);
    fills.executedAtMs.push(fill.executedAtMs);
    fills.tradeDay.push(fill.tradeDay);
    if (fill.openingStrategy) this.snapshot.openingStrategies.push([fill.id, fill.openingStrategy]);
    this.saw(fill.tradeDate, fill.changedMs);
  }

  event(event: PnlLifecycleEvent, instrument: InstrumentRow, changedMs: number): void {
    const { contract: _contract, ...rest } = event;
    this.snapshot.events.push({ ...rest, instrument: this.instrument(instrument) });
    this.saw(event.date, changedMs);
  }

  stockTrade(trade: PnlStockTrade, changedMs: number): void {
    this.snapshot.stockTrades.push(trade);
    this.saw(trade.tradeDate, changedMs);
  }

  get fills(): number {
    return this.snapshot.fills.id.length;
  }

  private instrument(row: InstrumentRow): number {
    let index = this.instrumentIndex.get(row.id);
    if (index === undefined) {
      index = this.snapshot.instruments.length;
      this.snapshot.instruments.push(row);
      this.instrumentIndex.set(row.id, index);
    }
    return index;
  }

  private saw(day: string, changedMs: number): void {
    if (this.snapshot.firstDay === null || day < this.snapshot.firstDay) this.snapshot.firstDay = day;
    if (this.snapshot.lastDay === null || day > this.snapshot.lastDay) this.snapshot.lastDay = day;
    if (changedMs > this.snapshot.watermarkMs) this.snapshot.watermarkMs = changedMs;
  }
}

function indexOf(index: Map<string, number>, list: string[], value: string): number {
  let known = index.get(value);
  if (known === undefined) {
    known = list.length;
    list.push(value);
    index.set(value, known);
  }
  return known;
}

/** A stored snapshot's JSON, or null when it is of another format (then it is not read). */
export function parseInputSnapshot(data: string): InputSnapshot | null {
  const parsed = JSON.parse(data) as { format?: unknown };
  return parsed.format === INPUT_SNAPSHOT_FORMAT ? (parsed as InputSnapshot) : null;
}
