import { formatQuantity, type Micro, tryParseDecimal } from "@/lib/money";
import { i32, item } from "./cells";
import { dayNumber, formatDay } from "./dates";
import { anchorShape } from "./shape-anchors";
import type { OptionContract, OptionType } from "./types";

/**
 * The stable key of a contract: `UNDERLYING|YYYY-MM-DD|call|STRIKE|MULTIPLIER` with the decimals in
 * canonical form, so "43.0000" and "43" name the same strike. Marks are keyed by it.
 */
export function contractKey(contract: OptionContract): string {
  const strike = tryParseDecimal(contract.strike);
  const multiplier = tryParseDecimal(contract.multiplier);
  if (strike === null || multiplier === null) {
    throw new Error(`contract has a bad strike or multiplier: ${JSON.stringify(contract)}`);
  }
  return keyOf(contract, formatQuantity(strike), formatQuantity(multiplier));
}

function keyOf(
  contract: { underlying: string; expiration: string; optionType: OptionType },
  strike: string,
  multiplier: string,
): string {
  return `${contract.underlying}|${contract.expiration}|${contract.optionType}|${strike}|${multiplier}`;
}

/**
 * One distinct contract. Its key and its expiration's date text are built on first use: a large
 * history has hundreds of thousands of contracts, and most of them are never shown or looked up by
 * key (only open ones need a mark).
 */
export class ContractRec {
  /** The first book opened on this contract (one per account; usually there is just one). */
  firstBook = -1;
  /**
   * The first row of the input's contract columns (`PnlColumns.contracts`) that names this contract,
   * or -1 when none does (named only by an event, or made by a corporate action): a caller that
   * numbered its contracts by those rows finds its own record of a result's contract by it.
   */
  inputRow = -1;
  // Built on first use, then shared by every row that shows them.
  private keyText: string | null = null;
  private expirationCache: string | null = null;
  private strikeCache: string | null = null;
  private multiplierCache: string | null = null;

  constructor(
    readonly index: number,
    readonly underlying: string,
    readonly expirationDay: number,
    readonly optionType: OptionType,
    readonly strike: Micro,
    readonly multiplier: Micro,
  ) {}

  /** The expiration as `YYYY-MM-DD`. */
  get expiration(): string {
    this.expirationCache ??= formatDay(this.expirationDay);
    return this.expirationCache;
  }

  /** The strike in canonical form ("43", not "43.0000"). */
  get strikeText(): string {
    this.strikeCache ??= formatQuantity(this.strike);
    return this.strikeCache;
  }

  get multiplierText(): string {
    this.multiplierCache ??= formatQuantity(this.multiplier);
    return this.multiplierCache;
  }

  get key(): string {
    this.keyText ??= keyOf(this, this.strikeText, this.multiplierText);
    return this.keyText;
  }

  sameAs(
    underlying: string,
    expirationDay: number,
    optionType: OptionType,
    strike: Micro,
    multiplier: Micro,
  ) {
    return (
      this.expirationDay === expirationDay &&
      this.strike === strike &&
      this.optionType === optionType &&
      this.multiplier === multiplier &&
      this.underlying === underlying
    );
  }
}

/**
 * Interns contracts by value: equal contracts, whether passed as one shared object or as a copy per
 * fill, become one record. Each lookup hashes the canonical fields (strike and multiplier parsed,
 * expiration as a day number) into an open-addressing table, so no key string is built, and the
 * same pass validates the contract. With hundreds of thousands of contracts this costs about what a
 * Map keyed by object costs (that Map is a large heap object every lookup misses in), and it needs
 * no second structure that would let the same contract in as two records.
 */
export class ContractRegistry {
  // Contract indexes + 1 (0 is empty), by `hashOf`; each contract's hash is kept beside it, so a
  // probe compares records only on a full hash match.
  private slots: Int32Array;
  private hashes: Int32Array;
  /** Every contract seen, in first-seen order (`ContractRec.index`). */
  readonly list: ContractRec[] = [];
  // Partial fills of one order arrive together: the last contract seen is the likeliest next one.
  private lastContract: OptionContract | null = null;
  private lastRecord: ContractRec | null = null;

  /**
   * `expected`: how many contracts the caller will likely intern (the rows of the contract columns),
   * so the table is sized once instead of doubling its way there, copying as it goes.
   */
  constructor(expected = 0) {
    let capacity = 512;
    while (capacity < expected) capacity *= 2;
    this.hashes = new Int32Array(capacity);
    this.slots = new Int32Array(capacity * 2);
  }

  /** The record for `contract`, or a string saying what is wrong with it. */
  resolve(contract: OptionContract): ContractRec | string {
    if (contract === this.lastContract && this.lastRecord !== null) return this.lastRecord;
    if (contract === null || typeof contract !== "object") return "contract is missing";
    const strike = positiveDecimal(contract.strike);
    const multiplier = positiveDecimal(contract.multiplier);
    const expirationDay =
      typeof contract.expiration === "string" ? dayNumber(contract.expiration) : Number.NaN;
    const problem = describeProblem(contract, expirationDay, strike, multiplier);
    if (problem !== null || strike === null || multiplier === null) return problem ?? "contract is invalid";
    const record = this.intern(contract.underlying, expirationDay, contract.optionType, strike, multiplier);
    this.lastContract = contract;
    this.lastRecord = record;
    return record;
  }

  /** The record of a contract given by its canonical fields (already validated). */
  intern(
    underlying: string,
    expirationDay: number,
    optionType: OptionType,
    strike: Micro,
    multiplier: Micro,
  ): ContractRec {
    const hash = hashOf(underlying, expirationDay, optionType, strike, multiplier);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (let entry = i32(this.slots, slot); entry !== 0; entry = i32(this.slots, slot)) {
      if (this.hashes[entry - 1] === hash) {
        const candidate = item(this.list, entry - 1);
        if (candidate.sameAs(underlying, expirationDay, optionType, strike, multiplier)) return candidate;
      }
      slot = (slot + 1) & mask;
    }
    const record = new ContractRec(
      this.list.length,
      underlying,
      expirationDay,
      optionType,
      strike,
      multiplier,
    );
    this.add(record, hash, slot);
    return record;
  }

  private add(record: ContractRec, hash: number, slot: number): void {
    if (this.list.length === this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[this.list.length] = hash;
    this.list.push(record);
    this.slots[slot] = this.list.length;
    if (this.list.length * 2 > this.slots.length) this.rehash();
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let index = 0; index < this.list.length; index++) {
      let slot = i32(this.hashes, index) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = index + 1;
    }
    this.slots = slots;
  }
}

function positiveDecimal(text: unknown): Micro | null {
  const value = typeof text === "string" ? tryParseDecimal(text) : null;
  return value === null || value <= 0 ? null : value;
}

/** A 31-bit hash of a contract's canonical fields (collisions are resolved by comparing them). */
function hashOf(
  underlying: string,
  expirationDay: number,
  optionType: OptionType,
  strike: Micro,
  multiplier: Micro,
): number {
  let hash = expirationDay * 2 + (optionType === "call" ? 1 : 0);
  hash = Math.imul(hash ^ (strike % 0x7fffffff), 0x9e3779b1);
  hash = Math.imul(hash ^ (multiplier % 0x7fffffff), 0x85ebca6b);
  for (let index = 0; index < underlying.length; index++) {
    hash = Math.imul(hash ^ underlying.charCodeAt(index), 0x01000193);
  }
  return hash & 0x3fffffff;
}

function describeProblem(
  contract: OptionContract,
  expirationDay: number,
  strike: Micro | null,
  multiplier: Micro | null,
): string | null {
  if (typeof contract.underlying !== "string" || contract.underlying.length === 0) {
    return "contract.underlying is empty";
  }
  if (Number.isNaN(expirationDay)) {
    return `contract.expiration is not a YYYY-MM-DD date: ${JSON.stringify(contract.expiration)}`;
  }
  if (contract.optionType !== "call" && contract.optionType !== "put") {
    return `contract.optionType must be "call" or "put": ${JSON.stringify(contract.optionType)}`;
  }
  if (strike === null) return `contract.strike is not a positive decimal: ${JSON.stringify(contract.strike)}`;
  if (multiplier === null) {
    return `contract.multiplier is not a positive decimal: ${JSON.stringify(contract.multiplier)}`;
  }
  return null;
}

// See shape-anchors.ts: a run makes a registry and a record per contract, and keeps neither.
const sampleRegistry = new ContractRegistry();
anchorShape(sampleRegistry);
anchorShape(sampleRegistry.intern("SAMPLE", 0, "call", 1_000_000, 100_000_000));
