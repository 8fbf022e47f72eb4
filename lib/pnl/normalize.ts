import { formatDecimal, type Micro, mul, negate, sub, tryParseDecimal } from "@/lib/money";
import { ContractRegistry } from "./contract";
import { dayNumber } from "./dates";
import type { Book, ContractRec, Exec, LifecycleRec, LotQueue } from "./internal-types";
import { compareTime } from "./lots/compare";
import type { PnlIssue } from "./result-types";
import type { Direction, PnlExecution, PnlInput, PnlLifecycleEvent } from "./types";

export interface InputProblem {
  path: string;
  message: string;
}

/** The input is malformed (a caller's mapping bug, not a trading anomaly); lists what is wrong. */
export class PnlInputError extends Error {
  override readonly name = "PnlInputError";
  constructor(readonly problems: InputProblem[]) {
    super(
      `invalid P&L input: ${problems
        .slice(0, 5)
        .map((problem) => `${problem.path}: ${problem.message}`)
        .join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`,
    );
  }
}

export interface NormalizedInput {
  asOf: string;
  asOfDay: number;
  contracts: ContractRegistry;
  /** Books in canonical order (contract key, then account), independent of input order. */
  books: Book[];
  /** Kept fills (dated on or before asOf), in input order. */
  executions: Exec[];
  events: LifecycleRec[];
  /** True when the input listed executions in time order. */
  executionsSorted: boolean;
  issues: PnlIssue[];
}

const MAX_PROBLEMS = 50;

export function normalizeInput(input: PnlInput): NormalizedInput {
  const problems: InputProblem[] = [];
  const report = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };
  const asOfDay = typeof input.asOf === "string" ? dayNumber(input.asOf) : Number.NaN;
  if (Number.isNaN(asOfDay)) report("asOf", "must be a YYYY-MM-DD date");
  if (!Array.isArray(input.executions)) report("executions", "must be an array");
  if (!Array.isArray(input.events)) report("events", "must be an array");
  if (problems.length > 0) throw new PnlInputError(problems);

  const contracts = new ContractRegistry();
  const books: Book[] = [];
  const classes = new Map<string, number>();
  const issues: PnlIssue[] = [];
  const bookFor = (contract: ContractRec, accountId: string): Book => {
    // Almost every contract is traded from one account: check the first book before searching.
    const first = contract.books[0];
    if (first !== undefined && first.accountId === accountId) return first;
    let book = contract.books.find((candidate) => candidate.accountId === accountId);
    if (!book) {
      book = newBook(contract, accountId, classes);
      contract.books.push(book);
      books.push(book);
    }
    return book;
  };

  const kept: Exec[] = [];
  const events: LifecycleRec[] = [];
  // Inputs usually arrive in time order (a database query sorts them); noticing that here lets the
  // replay skip sorting.
  let sorted = true;
  let previous: Exec | null = null;
  const executions = input.executions;
  for (let index = 0; index < executions.length; index++) {
    const raw = executions[index] as PnlExecution;
    const contract = contracts.resolve(raw.contract);
    if (typeof contract === "string") {
      report(`executions[${index}]`, contract);
      continue;
    }
    if (typeof raw.accountId !== "string") {
      report(`executions[${index}]`, "accountId must be a string");
      continue;
    }
    const book = bookFor(contract, raw.accountId);
    const exec = toExec(raw, book);
    if (typeof exec === "string") {
      report(`executions[${index}]`, exec);
      continue;
    }
    if (exec.dayNumber > asOfDay) {
      issues.push(afterAsOf(book, `execution ${raw.id} on ${raw.tradeDate}`, { executionId: raw.id }));
      continue;
    }
    if (sorted && previous !== null && compareTime(previous, exec) > 0) sorted = false;
    previous = exec;
    kept.push(exec);
  }
  input.events.forEach((raw, index) => {
    const contract = contracts.resolve(raw.contract);
    if (typeof contract === "string") {
      report(`events[${index}]`, contract);
      return;
    }
    if (typeof raw.accountId !== "string") {
      report(`events[${index}]`, "accountId must be a string");
      return;
    }
    const book = bookFor(contract, raw.accountId);
    const event = toEvent(raw, book);
    if (typeof event === "string") {
      report(`events[${index}]`, event);
      return;
    }
    if (event.dayNumber > asOfDay) {
      issues.push(afterAsOf(book, `${raw.type} ${raw.id} on ${raw.date}`, { eventId: raw.id }));
      return;
    }
    events.push(event);
  });
  if (problems.length > 0) throw new PnlInputError(problems);

  books.sort(compareBooks);
  return {
    asOf: input.asOf,
    asOfDay,
    contracts,
    books,
    executions: kept,
    events,
    executionsSorted: sorted,
    issues,
  };
}

/** Canonical book order: underlying, expiration, call/put, strike, multiplier, account. */
function compareBooks(a: Book, b: Book): number {
  const x = a.contract;
  const y = b.contract;
  if (x !== y) {
    if (x.underlying !== y.underlying) return x.underlying < y.underlying ? -1 : 1;
    if (x.expirationDay !== y.expirationDay) return x.expirationDay - y.expirationDay;
    if (x.optionType !== y.optionType) return x.optionType < y.optionType ? -1 : 1;
    if (x.strike !== y.strike) return x.strike - y.strike;
    return x.multiplier - y.multiplier;
  }
  return a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0;
}

function newBook(contract: ContractRec, accountId: string, classes: Map<string, number>): Book {
  const classKey = `${accountId}\u0000${contract.underlying}\u0000${contract.optionType}`;
  let classId = classes.get(classKey);
  if (classId === undefined) {
    classId = classes.size;
    classes.set(classKey, classId);
  }
  return {
    accountId,
    contract,
    long: newQueue("long"),
    short: newQueue("short"),
    longClass: classId * 2,
    shortClass: classId * 2 + 1,
    realized: 0,
    fees: 0,
    cashFlow: 0,
    lastCloseKind: null,
    expiryApplied: false,
    unrealized: 0,
    unmarked: false,
  };
}

function newQueue(direction: Direction): LotQueue {
  return { direction, lots: null, head: 0, openQuantity: 0, episode: null };
}

function afterAsOf(book: Book, what: string, ids: { executionId?: string; eventId?: string }): PnlIssue {
  return {
    code: "after-as-of",
    message: `${what} is after the as-of date and was left out`,
    accountId: book.accountId,
    contractKey: book.contract.key,
    ...ids,
  };
}

/** The working record of a fill, or what is wrong with it. */
function toExec(raw: PnlExecution, book: Book): Exec | string {
  if (typeof raw.id !== "string" || raw.id.length === 0) return "id is empty";
  if (raw.side !== "buy" && raw.side !== "sell") return `side must be "buy" or "sell"`;
  if (raw.positionEffect !== "open" && raw.positionEffect !== "close") {
    return `positionEffect must be "open" or "close"`;
  }
  const quantity = decimal(raw.quantity);
  if (quantity === null || quantity <= 0) return "quantity is not a positive decimal";
  const price = decimal(raw.price);
  if (price === null || price < 0) return "price is not a non-negative decimal";
  const fees = decimal(raw.fees);
  if (fees === null) return "fees is not a decimal";
  const day = dayNumber(raw.tradeDate);
  if (Number.isNaN(day)) return "tradeDate is not a YYYY-MM-DD date";
  if (typeof raw.executedAt !== "string" || raw.executedAt.length === 0) {
    return "executedAt is empty";
  }
  const buy = raw.side === "buy";
  let gross: Micro;
  try {
    gross = mul(price, mul(quantity, book.contract.multiplier));
  } catch (error) {
    return `premium is not exact: ${(error as Error).message}`;
  }
  if (buy) gross = negate(gross);
  return {
    id: raw.id,
    accountId: raw.accountId,
    orderId: raw.orderId ?? null,
    book,
    buy,
    open: raw.positionEffect === "open",
    quantity,
    price,
    priceText: formatDecimal(price),
    fees,
    gross,
    cash: sub(gross, fees),
    day: raw.tradeDate,
    dayNumber: day,
    instant: raw.executedAt,
    episode: null,
    lotQuantity: 0,
    lotGross: 0,
    lotFees: 0,
    matchedQuantity: 0,
    matchedCash: 0,
  };
}

function toEvent(raw: PnlLifecycleEvent, book: Book): LifecycleRec | string {
  if (typeof raw.id !== "string" || raw.id.length === 0) return "id is empty";
  if (raw.type !== "expiration" && raw.type !== "assignment" && raw.type !== "exercise") {
    return `type must be "expiration", "assignment" or "exercise"`;
  }
  const quantity = decimal(raw.quantity);
  if (quantity === null || quantity <= 0) return "quantity is not a positive decimal";
  const day = dayNumber(raw.date);
  if (Number.isNaN(day)) return "date is not a YYYY-MM-DD date";
  const direction = raw.direction ?? null;
  if (direction !== null && direction !== "long" && direction !== "short") {
    return `direction must be "long", "short" or absent`;
  }
  const stockFees = raw.stockFees == null ? 0 : decimal(raw.stockFees);
  if (stockFees === null) return "stockFees is not a decimal";
  return {
    id: raw.id,
    accountId: raw.accountId,
    type: raw.type,
    book,
    quantity,
    day: raw.date,
    dayNumber: day,
    direction,
    stockFees,
  };
}

function decimal(value: unknown): Micro | null {
  return typeof value === "string" ? tryParseDecimal(value) : null;
}
