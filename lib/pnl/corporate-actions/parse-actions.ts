import { type Micro, tryParseDecimal } from "@/lib/money";
import { dayNumber } from "../dates";
import type { PnlCorporateAction } from "../types";

/** A validated corporate action, in replay terms. */
export interface CorporateActionRec {
  id: string;
  accountId: string;
  type: "rename" | "split";
  date: string;
  dayNumber: number;
  symbol: string;
  /** The underlying after the action (the same symbol for a split). */
  newSymbol: string;
  /** New shares per `sharesBefore` old ones; 1 and 1 for a rename. */
  sharesAfter: Micro;
  sharesBefore: Micro;
}

const ONE: Micro = 1_000_000;

/** The action in replay terms, or a string saying what is wrong with it. */
export function parseCorporateAction(raw: PnlCorporateAction): CorporateActionRec | string {
  if (raw === null || typeof raw !== "object") return "must be an object";
  if (typeof raw.id !== "string" || raw.id.length === 0) return "id is empty";
  if (typeof raw.accountId !== "string") return "accountId must be a string";
  const day = typeof raw.date === "string" ? dayNumber(raw.date) : Number.NaN;
  if (Number.isNaN(day)) return "date is not a YYYY-MM-DD date";
  if (typeof raw.symbol !== "string" || raw.symbol.length === 0) return "symbol is empty";
  const base = { id: raw.id, accountId: raw.accountId, date: raw.date, dayNumber: day, symbol: raw.symbol };
  if (raw.type === "rename") {
    if (typeof raw.newSymbol !== "string" || raw.newSymbol.length === 0) return "newSymbol is empty";
    if (raw.newSymbol === raw.symbol) return "newSymbol is the same as symbol";
    return { ...base, type: "rename", newSymbol: raw.newSymbol, sharesAfter: ONE, sharesBefore: ONE };
  }
  if (raw.type === "split") {
    const after = positive(raw.sharesAfter);
    const before = positive(raw.sharesBefore);
    if (after === null) return "sharesAfter is not a positive decimal";
    if (before === null) return "sharesBefore is not a positive decimal";
    if (after === before) return "sharesAfter equals sharesBefore (not a split)";
    return { ...base, type: "split", newSymbol: raw.symbol, sharesAfter: after, sharesBefore: before };
  }
  return `type must be "rename" or "split"`;
}

function positive(value: unknown): Micro | null {
  const parsed = typeof value === "string" ? tryParseDecimal(value) : null;
  return parsed === null || parsed <= 0 ? null : parsed;
}

/** Date order, ids breaking ties, so the replay applies actions the same way whatever the input order. */
export function compareActions(a: CorporateActionRec, b: CorporateActionRec): number {
  return a.dayNumber - b.dayNumber || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
