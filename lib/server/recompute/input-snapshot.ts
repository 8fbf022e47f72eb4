import "server-only";
import { createHash, type Hash } from "node:crypto";
import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";
import {
  dayNumber,
  formatDay,
  type PnlExecutionColumns,
  type PnlLifecycleEvent,
  type PnlStockTrade,
} from "@/lib/pnl";
import type { InstrumentRow } from "./execution-columns";

/**
 * One underlying's inputs dated before a day, exactly as the loader counted them (`pnlInputOfRows`:
 * imported rows the synced history replaces already left out), kept so a later recompute reads only
 * the rows dated from that day on (docs/RECOMPUTE.md, "Saved inputs"). Fills are the numbers the
 * engine's columns hold (micros, epoch milliseconds, day numbers); accounts, orders and contracts
 * are listed once and named by index. Stored as JSON, Brotli-compressed (`encodeInputSnapshot`):
 * the numbers are safe integers, which JSON carries exactly.
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

/**
 * Bumped whenever the shape above or its encoding changes: a snapshot of another format is not read.
 * 2: compressed (1 was JSON text).
 */
export const INPUT_SNAPSHOT_FORMAT = 2;

/**
 * Where a recorder reads its fills' values once the loader is done: the engine's execution columns
 * the loader built (a recorded fill is a row of them), the lists their numbers index, and each
 * contract row's instrument.
 */
export type RecordedFillSource = {
  executions: PnlExecutionColumns & { id: string[] };
  accounts: readonly string[];
  orders: readonly string[];
  /** How many contract rows there are by now. */
  contractCount(): number;
  instrumentOfContract(row: number): InstrumentRow;
};

// The fill columns of a snapshot that hold numbers, in the order the digest reads them.
const NUMBER_FIELDS = [
  "account",
  "instrument",
  "order",
  "flags",
  "quantity",
  "price",
  "fees",
  "executedAtMs",
  "tradeDay",
] as const;

/**
 * Collects one underlying's inputs dated before `beforeDay` while the loader reads them: a fill is
 * kept as its row of the engine's columns (nothing made per fill), events and share trades as they
 * are. The snapshot and its digest are made from the columns only when asked, once the loader is done.
 */
export class InputSnapshotRecorder {
  private readonly rows: number[] = [];
  /** The broker's opening strategy of the recorded fills that have one: (index among them, strategy). */
  private readonly strategies: [number, string][] = [];
  private readonly events: { event: PnlLifecycleEvent; instrument: InstrumentRow }[] = [];
  private readonly stockTrades: PnlStockTrade[] = [];
  private firstDay = Number.POSITIVE_INFINITY;
  private lastDay = Number.NEGATIVE_INFINITY;
  private watermarkMs = Number.NEGATIVE_INFINITY;
  private made: { head: SnapshotHead; numbers: Record<(typeof NUMBER_FIELDS)[number], Float64Array> } | null =
    null;
  private digested: string | null = null;
  private encodedData: Buffer | null = null;

  constructor(
    readonly beforeDay: string,
    private readonly source: RecordedFillSource,
  ) {}

  /** Fill `row` of the source's columns (already added to them), with its order's opening strategy. */
  fill(row: number, changedMs: number, openingStrategy?: string | null): void {
    if (openingStrategy) this.strategies.push([this.rows.length, openingStrategy]);
    this.rows.push(row);
    this.saw(this.source.executions.tradeDay[row] as number, changedMs);
  }

  event(event: PnlLifecycleEvent, instrument: InstrumentRow, changedMs: number): void {
    this.events.push({ event, instrument });
    this.saw(dayNumber(event.date), changedMs);
  }

  stockTrade(trade: PnlStockTrade, changedMs: number): void {
    this.stockTrades.push(trade);
    this.saw(dayNumber(trade.tradeDate), changedMs);
  }

  get fills(): number {
    return this.rows.length;
  }

  /** How many of the recorded fills are traded from day number `from` on. */
  fillsFrom(from: number): number {
    const { tradeDay } = this.source.executions;
    let count = 0;
    for (const row of this.rows) if ((tradeDay[row] as number) >= from) count++;
    return count;
  }

  /** The first trading date of the inputs recorded, or null when there are none. */
  get firstTradeDate(): string | null {
    return Number.isFinite(this.firstDay) ? formatDay(this.firstDay) : null;
  }

  /** The snapshot, as stored. */
  snapshot(): InputSnapshot {
    const { head, numbers } = this.make();
    const fills = { id: head.fills.id } as InputSnapshot["fills"];
    for (const field of NUMBER_FIELDS) fills[field] = Array.from(numbers[field]);
    return { ...head, fills };
  }

  /** The snapshot as stored (`encodeInputSnapshot`). Made once, like the digest. */
  encoded(): Buffer {
    this.encodedData ??= encodeInputSnapshot(this.snapshot());
    return this.encodedData;
  }

  /**
   * A SHA-256 of everything the snapshot holds, read from its parts rather than from its JSON: the
   * fills' numbers as their bytes, the lists of texts and the contracts as their values in a row, the
   * events and share trades as JSON a few hundred at a time. A snapshot the same as the stored one is
   * found without spelling out megabytes of JSON. Equal snapshots give equal digests, and any change
   * changes it. Made once: the recorded inputs no longer change once the loader is done.
   */
  digest(): string {
    this.digested ??= this.hash();
    return this.digested;
  }

  private hash(): string {
    const { head, numbers } = this.make();
    const { instruments, accounts, orders, fills, openingStrategies, events, stockTrades, ...scalars } = head;
    const hash = createHash("sha256").update(JSON.stringify(scalars));
    updateWithTexts(hash, "accounts", accounts);
    updateWithTexts(hash, "orders", orders);
    updateWithTexts(hash, "fillIds", fills.id);
    updateWithInstruments(hash, instruments);
    updateWithList(hash, "openingStrategies", openingStrategies);
    updateWithList(hash, "events", events);
    updateWithList(hash, "stockTrades", stockTrades);
    for (const field of NUMBER_FIELDS) {
      const values = numbers[field];
      hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    }
    return hash.digest("hex");
  }

  private make() {
    if (this.made !== null) return this.made;
    const { executions, accounts, orders } = this.source;
    const count = this.rows.length;
    const numbers = Object.fromEntries(
      NUMBER_FIELDS.map((field) => [field, new Float64Array(count)]),
    ) as Record<(typeof NUMBER_FIELDS)[number], Float64Array>;
    const ids = new Array<string>(count);
    const instruments = new FirstSeenInstruments();
    const snapshotAccounts: string[] = [];
    const snapshotOrders: string[] = [];
    // The source's numbers renumbered in the snapshot's own first-seen order (-1: not yet), by typed
    // arrays: a map lookup per fill cost more than the rest of the fill's copy.
    const accountOf = new Int32Array(accounts.length).fill(-1);
    const orderOf = new Int32Array(orders.length).fill(-1);
    const instrumentOfContract = new Int32Array(this.source.contractCount()).fill(-1);
    for (let index = 0; index < count; index++) {
      const row = this.rows[index] as number;
      ids[index] = executions.id[row] as string;
      const account = executions.account[row] as number;
      let snapshotAccount = accountOf[account] as number;
      if (snapshotAccount < 0) {
        snapshotAccount = snapshotAccounts.push(accounts[account] as string) - 1;
        accountOf[account] = snapshotAccount;
      }
      numbers.account[index] = snapshotAccount;
      const contract = executions.contract[row] as number;
      let instrument = instrumentOfContract[contract] as number;
      if (instrument < 0) {
        instrument = instruments.numberOf(this.source.instrumentOfContract(contract));
        instrumentOfContract[contract] = instrument;
      }
      numbers.instrument[index] = instrument;
      const order = executions.order[row] as number;
      let snapshotOrder = -1;
      if (order >= 0) {
        snapshotOrder = orderOf[order] as number;
        if (snapshotOrder < 0) {
          snapshotOrder = snapshotOrders.push(orders[order] as string) - 1;
          orderOf[order] = snapshotOrder;
        }
      }
      numbers.order[index] = snapshotOrder;
      numbers.flags[index] = executions.flags[row] as number;
      numbers.quantity[index] = executions.quantity[row] as number;
      numbers.price[index] = executions.price[row] as number;
      numbers.fees[index] = executions.fees[row] as number;
      numbers.executedAtMs[index] = executions.executedAt[row] as number;
      numbers.tradeDay[index] = executions.tradeDay[row] as number;
    }
    const openingStrategies = this.strategies.map(([index, strategy]): [string, string] => [
      ids[index] as string,
      strategy,
    ]);
    const events = this.events.map(({ event, instrument }) =>
      snapshotEvent(event, instruments.numberOf(instrument)),
    );
    const head: SnapshotHead = {
      format: INPUT_SNAPSHOT_FORMAT,
      instruments: instruments.rows,
      accounts: snapshotAccounts,
      orders: snapshotOrders,
      fills: { id: ids },
      openingStrategies,
      events,
      stockTrades: this.stockTrades,
      firstDay: this.firstTradeDate,
      lastDay: Number.isFinite(this.lastDay) ? formatDay(this.lastDay) : null,
      watermarkMs: this.watermarkMs,
    };
    this.made = { head, numbers };
    return this.made;
  }

  private saw(day: number, changedMs: number): void {
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
    if (changedMs > this.watermarkMs) this.watermarkMs = changedMs;
  }
}

// Elements of a list hashed at a time. One text of a whole list (12–19 MB of JSON for a large
// history's head) cost four times as much as the same text in pieces: the large string, and its UTF-8
// copy for the hash, each take fresh memory, while pieces this size reuse what the collector frees.
const LIST_PIECE = 512;

// Separates values in the texts hashed: every text recorded was read from PostgreSQL, whose text
// values never hold a NUL, so values joined by it read back one way only.
const NUL = "\u0000";

/** Hashes a list by its name and length, then its JSON a piece at a time (unambiguous either way). */
function updateWithList(hash: Hash, name: string, list: readonly unknown[]): void {
  hash.update(`\n${name} ${list.length}\n`);
  for (let start = 0; start < list.length; start += LIST_PIECE)
    hash.update(JSON.stringify(list.slice(start, start + LIST_PIECE)));
}

/**
 * Hashes a list of texts by its name and length, then the texts joined by NUL a piece at a time: as
 * unambiguous as their JSON, at less than half the cost (no escapes to look for, no quotes).
 */
function updateWithTexts(hash: Hash, name: string, texts: readonly string[]): void {
  hash.update(`\n${name} ${texts.length}\n`);
  for (let start = 0; start < texts.length; start += LIST_PIECE)
    hash.update(`${texts.slice(start, start + LIST_PIECE).join(NUL)}${NUL}`);
}

// Every field of a contract row, in the order hashed; the type below fails to compile when a field
// is added to `InstrumentRow` and not here.
const INSTRUMENT_FIELDS = [
  "id",
  "underlying",
  "expiration_date",
  "strike_price",
  "option_type",
  "multiplier",
] as const satisfies readonly (keyof InstrumentRow)[];
type UnhashedInstrumentField = Exclude<keyof InstrumentRow, (typeof INSTRUMENT_FIELDS)[number]>;
const _everyInstrumentFieldHashed: [UnhashedInstrumentField] extends [never] ? true : never = true;

/** Hashes the contracts as their fields' texts in a row (a fixed number each), joined by NUL. */
function updateWithInstruments(hash: Hash, instruments: readonly InstrumentRow[]): void {
  hash.update(`\ninstruments ${instruments.length}\n`);
  for (let start = 0; start < instruments.length; start += LIST_PIECE) {
    let text = "";
    for (const row of instruments.slice(start, start + LIST_PIECE))
      for (const field of INSTRUMENT_FIELDS) text += row[field] + NUL;
    hash.update(text);
  }
}

type SnapshotEvent = InputSnapshot["events"][number];

/**
 * An event as a snapshot holds it: its contract named by index. Every field is named here (the type
 * requires each one, so a field added to events fails to compile until it is copied): a rest and a
 * spread per event cost as much as copying all the fills' numbers.
 */
function snapshotEvent(event: PnlLifecycleEvent, instrument: number): SnapshotEvent {
  const copy: { [Field in keyof Required<SnapshotEvent>]: SnapshotEvent[Field] | undefined } = {
    id: event.id,
    accountId: event.accountId,
    type: event.type,
    quantity: event.quantity,
    date: event.date,
    direction: event.direction,
    stockFees: event.stockFees,
    instrument,
  };
  // An absent field is undefined here, and left out of the JSON stored and hashed, as before.
  return copy as SnapshotEvent;
}

/** A snapshot but for its fills' numbers. */
type SnapshotHead = Omit<InputSnapshot, "fills"> & { fills: { id: string[] } };

/**
 * A snapshot as stored: its JSON, Brotli-compressed at the fastest quality. The JSON of a large
 * history's snapshots (17.7 MB at 100,000 fills) compresses about five times in about 0.1 s, which a
 * recompute spends while the server writes its rows; stored whole, the JSON took the server 0.3–0.45
 * s to write, the compressed bytes about 0.05 s (docs/RECOMPUTE-MEASUREMENTS.md, "Saved inputs,
 * compressed").
 */
export function encodeInputSnapshot(snapshot: InputSnapshot): Buffer {
  const json = JSON.stringify(snapshot);
  return brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MIN_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
}

/**
 * A stored snapshot, or null when it is not one this code reads (another format, or bytes that do
 * not decompress to a snapshot): then the rows are read instead.
 */
export function parseInputSnapshot(data: Uint8Array): InputSnapshot | null {
  let parsed: { format?: unknown };
  try {
    parsed = JSON.parse(brotliDecompressSync(data).toString("utf8")) as { format?: unknown };
  } catch {
    return null;
  }
  return parsed !== null && typeof parsed === "object" && parsed.format === INPUT_SNAPSHOT_FORMAT
    ? (parsed as InputSnapshot)
    : null;
}

/** Instruments numbered in the order first seen (a class: its callers stay compiled between recomputes). */
class FirstSeenInstruments {
  readonly rows: InstrumentRow[] = [];
  private readonly numbers = new Map<string, number>();

  numberOf(row: InstrumentRow): number {
    let known = this.numbers.get(row.id);
    if (known === undefined) {
      known = this.rows.length;
      this.rows.push(row);
      this.numbers.set(row.id, known);
    }
    return known;
  }
}
