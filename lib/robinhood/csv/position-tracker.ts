import { add, type Micro, negate, parseDecimal } from "@/lib/money";
import type { OptionContract, PnlExecution, PnlLifecycleEvent } from "@/lib/pnl";

/**
 * Net open quantity per contract (long positive, short negative) from fills and events — enough for
 * an importer to tell which leg of a roll order closes and which contract a corporate action
 * replaced. The P&L itself is the engine's job.
 */
export class PositionTracker {
  private readonly positions = new Map<string, Micro>();

  static key(contract: OptionContract): string {
    return `${contract.underlying}|${contract.expiration}|${contract.optionType}|${parseDecimal(contract.strike)}`;
  }

  get(contract: OptionContract): Micro {
    return this.positions.get(PositionTracker.key(contract)) ?? 0;
  }

  applyExecution(execution: PnlExecution): void {
    const quantity = parseDecimal(execution.quantity);
    this.change(
      PositionTracker.key(execution.contract),
      execution.side === "buy" ? quantity : negate(quantity),
    );
  }

  applyEvent(event: PnlLifecycleEvent): void {
    this.close(PositionTracker.key(event.contract), parseDecimal(event.quantity));
  }

  /** An event closes toward zero, never past it. */
  close(key: string, quantity: Micro): void {
    const current = this.positions.get(key) ?? 0;
    if (current > 0) this.change(key, negate(Math.min(quantity, current)));
    else if (current < 0) this.change(key, Math.min(quantity, -current));
  }

  change(key: string, delta: Micro): void {
    this.positions.set(key, add(this.positions.get(key) ?? 0, delta));
  }
}

const EXECUTION = 0;
const EVENT = 1;
const INITIAL_ENTRIES = 1024;

/** `target` with `source` copied to its start. */
function grown<T extends Int32Array | Uint8Array | Float64Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/**
 * Every fill and event of a file as a few numbers each (contract, date, kind, signed quantity), so
 * positions at any date can be replayed after the fills themselves were written and let go: a large
 * file is imported in batches, and only this compact history stays in memory.
 */
export class PositionLedger {
  private readonly contracts = new Map<string, number>();
  private readonly byWrittenTerms = new Map<string, number>();
  private readonly contractKeys: string[] = [];
  // One entry per fill or event in typed arrays (outside the JavaScript heap, 17 bytes an entry):
  // as arrays of numbers they held 32 bytes an entry of heap for the whole import, which the
  // garbage collector's growth heuristics then multiplied.
  private contractOf = new Int32Array(INITIAL_ENTRIES);
  /** Dates as yyyymmdd numbers: small integers, where a string per row would cost several times more. */
  private dateOf = new Int32Array(INITIAL_ENTRIES);
  private kindOf = new Uint8Array(INITIAL_ENTRIES);
  /** Micros: integers, but past 32 bits for a few thousand contracts. */
  private quantityOf = new Float64Array(INITIAL_ENTRIES);
  private entries = 0;

  get length(): number {
    return this.entries;
  }

  recordExecution(execution: PnlExecution): void {
    const quantity = parseDecimal(execution.quantity);
    this.record(
      execution.contract,
      execution.tradeDate,
      EXECUTION,
      execution.side === "buy" ? quantity : negate(quantity),
    );
  }

  recordEvent(event: PnlLifecycleEvent): void {
    this.record(event.contract, event.date, EVENT, parseDecimal(event.quantity));
  }

  /**
   * The position in each of `contracts` from the first `upTo` entries dated before `beforeDate`, in
   * date order with a date's events after its fills (file order otherwise).
   */
  positionsBefore(contracts: readonly OptionContract[], beforeDate: string, upTo = this.length): Micro[] {
    const wanted = new Set(contracts.map((contract) => this.contracts.get(PositionTracker.key(contract))));
    const before = dateNumber(beforeDate);
    const entries: number[] = [];
    for (let index = 0; index < upTo; index++) {
      if (wanted.has(this.contractOf[index] as number) && (this.dateOf[index] as number) < before)
        entries.push(index);
    }
    const rank = (index: number) => this.kindOf[index] as number;
    entries.sort(
      (a, b) => (this.dateOf[a] as number) - (this.dateOf[b] as number) || rank(a) - rank(b) || a - b,
    );
    const tracker = new PositionTracker();
    for (const index of entries) {
      const key = this.contractKeys[this.contractOf[index] as number] as string;
      if (this.kindOf[index] === EXECUTION) tracker.change(key, this.quantityOf[index] as Micro);
      else tracker.close(key, this.quantityOf[index] as Micro);
    }
    return contracts.map((contract) => tracker.get(contract));
  }

  /** The underlyings of the first `upTo` entries dated on or after `fromDate`. */
  rootsFrom(fromDate: string, upTo = this.length): Set<string> {
    const from = dateNumber(fromDate);
    const ids = new Set<number>();
    for (let index = 0; index < upTo; index++) {
      if ((this.dateOf[index] as number) >= from) ids.add(this.contractOf[index] as number);
    }
    const roots = new Set<string>();
    for (const id of ids) roots.add((this.contractKeys[id] as string).split("|")[0] as string);
    return roots;
  }

  private record(contract: OptionContract, date: string, kind: number, quantity: Micro): void {
    // Contracts are looked up by their terms as written first: normalising the strike (what
    // `PositionTracker.key` does) for every row cost more than the rest of the ledger.
    const written = `${contract.underlying}|${contract.expiration}|${contract.optionType}|${contract.strike}`;
    let id = this.byWrittenTerms.get(written);
    if (id === undefined) {
      const key = PositionTracker.key(contract);
      id = this.contracts.get(key);
      if (id === undefined) {
        id = this.contractKeys.length;
        this.contracts.set(key, id);
        this.contractKeys.push(key);
      }
      this.byWrittenTerms.set(written, id);
    }
    if (this.entries === this.kindOf.length) this.grow();
    const entry = this.entries++;
    this.contractOf[entry] = id;
    this.dateOf[entry] = dateNumber(date);
    this.kindOf[entry] = kind;
    this.quantityOf[entry] = quantity;
  }

  private grow(): void {
    const capacity = this.kindOf.length * 2;
    this.contractOf = grown(new Int32Array(capacity), this.contractOf);
    this.dateOf = grown(new Int32Array(capacity), this.dateOf);
    this.kindOf = grown(new Uint8Array(capacity), this.kindOf);
    this.quantityOf = grown(new Float64Array(capacity), this.quantityOf);
  }
}

/** `2024-05-28` → 20240528, which orders as the date does. */
function dateNumber(date: string): number {
  return Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}
