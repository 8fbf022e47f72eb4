import { formatQuantity, type Micro, tryParseDecimal } from "@/lib/money";
import { dayNumber } from "./dates";
import type { ContractRec } from "./internal-types";
import type { OptionContract } from "./types";

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

function keyOf(contract: OptionContract, strike: string, multiplier: string): string {
  return `${contract.underlying}|${contract.expiration}|${contract.optionType}|${strike}|${multiplier}`;
}

interface CanonicalDecimal {
  value: Micro;
  text: string;
}

/**
 * Interns contracts: callers usually pass the same contract object for every fill of an instrument,
 * so lookups by object identity skip building the key at all; strikes and multipliers repeat too,
 * so their canonical forms are memoised by their text.
 */
export class ContractRegistry {
  private readonly byObject = new Map<OptionContract, ContractRec>();
  private readonly byKey = new Map<string, ContractRec>();
  private readonly decimals = new Map<string, CanonicalDecimal | null>();
  // Partial fills of one order arrive together: the last contract seen is the likeliest next one.
  private lastContract: OptionContract | null = null;
  private lastRecord: ContractRec | null = null;

  /** The record for `contract`, or a string saying what is wrong with it. */
  resolve(contract: OptionContract): ContractRec | string {
    if (contract === this.lastContract && this.lastRecord !== null) return this.lastRecord;
    const known = this.byObject.get(contract);
    if (known) {
      this.lastContract = contract;
      this.lastRecord = known;
      return known;
    }
    if (contract === null || typeof contract !== "object") return "contract is missing";
    const strike = this.decimal(contract.strike);
    const multiplier = this.decimal(contract.multiplier);
    const problem = describeProblem(contract, strike, multiplier);
    if (problem !== null || strike === null || multiplier === null) return problem ?? "contract is invalid";
    const key = keyOf(contract, strike.text, multiplier.text);
    let record = this.byKey.get(key);
    if (!record) {
      record = {
        key,
        underlying: contract.underlying,
        expiration: contract.expiration,
        expirationDay: dayNumber(contract.expiration),
        strike: strike.value,
        strikeText: strike.text,
        optionType: contract.optionType,
        multiplier: multiplier.value,
        multiplierText: multiplier.text,
        books: [],
      };
      this.byKey.set(key, record);
    }
    this.byObject.set(contract, record);
    return record;
  }

  get(key: string): ContractRec | undefined {
    return this.byKey.get(key);
  }

  private decimal(text: unknown): CanonicalDecimal | null {
    if (typeof text !== "string") return null;
    let canonical = this.decimals.get(text);
    if (canonical === undefined) {
      const value = tryParseDecimal(text);
      canonical = value === null || value <= 0 ? null : { value, text: formatQuantity(value) };
      this.decimals.set(text, canonical);
    }
    return canonical;
  }
}

function describeProblem(
  contract: OptionContract,
  strike: CanonicalDecimal | null,
  multiplier: CanonicalDecimal | null,
): string | null {
  if (typeof contract.underlying !== "string" || contract.underlying.length === 0) {
    return "contract.underlying is empty";
  }
  if (typeof contract.expiration !== "string" || Number.isNaN(dayNumber(contract.expiration))) {
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
