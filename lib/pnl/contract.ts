import { formatQuantity, tryParseDecimal } from "@/lib/money";
import { dayNumber } from "./dates";
import type { Book, ContractRec } from "./internal-types";
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

/**
 * Interns contracts: callers usually pass the same contract object for every fill of an instrument,
 * so lookups by object identity skip building the key at all.
 */
export class ContractRegistry {
  private readonly byObject = new Map<OptionContract, ContractRec>();
  private readonly byKey = new Map<string, ContractRec>();

  /** The record for `contract`, or a string saying what is wrong with it. */
  resolve(contract: OptionContract): ContractRec | string {
    const known = this.byObject.get(contract);
    if (known) return known;
    const problem = describeProblem(contract);
    if (problem) return problem;
    const strike = tryParseDecimal(contract.strike) ?? 0;
    const multiplier = tryParseDecimal(contract.multiplier) ?? 0;
    const strikeText = formatQuantity(strike);
    const multiplierText = formatQuantity(multiplier);
    const key = keyOf(contract, strikeText, multiplierText);
    let record = this.byKey.get(key);
    if (!record) {
      record = {
        key,
        underlying: contract.underlying,
        expiration: contract.expiration,
        expirationDay: dayNumber(contract.expiration),
        strike,
        strikeText,
        optionType: contract.optionType,
        multiplier,
        multiplierText,
        books: new Map<string, Book>(),
      };
      this.byKey.set(key, record);
    }
    this.byObject.set(contract, record);
    return record;
  }

  get(key: string): ContractRec | undefined {
    return this.byKey.get(key);
  }
}

function describeProblem(contract: OptionContract): string | null {
  if (contract === null || typeof contract !== "object") return "contract is missing";
  if (typeof contract.underlying !== "string" || contract.underlying.length === 0) {
    return "contract.underlying is empty";
  }
  if (typeof contract.expiration !== "string" || Number.isNaN(dayNumber(contract.expiration))) {
    return `contract.expiration is not a YYYY-MM-DD date: ${JSON.stringify(contract.expiration)}`;
  }
  if (contract.optionType !== "call" && contract.optionType !== "put") {
    return `contract.optionType must be "call" or "put": ${JSON.stringify(contract.optionType)}`;
  }
  const strike = typeof contract.strike === "string" ? tryParseDecimal(contract.strike) : null;
  if (strike === null || strike <= 0)
    return `contract.strike is not a positive decimal: ${JSON.stringify(contract.strike)}`;
  const multiplier = typeof contract.multiplier === "string" ? tryParseDecimal(contract.multiplier) : null;
  if (multiplier === null || multiplier <= 0) {
    return `contract.multiplier is not a positive decimal: ${JSON.stringify(contract.multiplier)}`;
  }
  return null;
}
