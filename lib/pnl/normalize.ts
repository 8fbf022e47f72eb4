import { type Micro, mul, negate, sub, tryParseDecimal } from "@/lib/money";
import { ContractRegistry } from "./contract";
import { dayNumber } from "./dates";
import type { Book, ContractRec, Exec, LifecycleRec, LotQueue } from "./internal-types";
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
  executionCount: number;
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
    let book = contract.books.get(accountId);
    if (!book) {
      book = newBook(contract, accountId, classes);
      contract.books.set(accountId, book);
      books.push(book);
    }
    return book;
  };

  let executionCount = 0;
  const executions = input.executions;
  for (let index = 0; index < executions.length; index++) {
    const raw = executions[index] as PnlExecution;
    const path = `executions[${index}]`;
    const contract = contracts.resolve(raw.contract);
    if (typeof contract === "string") {
      report(path, contract);
      continue;
    }
    if (typeof raw.accountId !== "string") {
      report(path, "accountId must be a string");
      continue;
    }
    const book = bookFor(contract, raw.accountId);
    const exec = toExec(raw, book, (message) => report(path, message));
    if (!exec) continue;
    if (exec.dayNumber > asOfDay) {
      issues.push(afterAsOf(book, `execution ${raw.id} on ${raw.tradeDate}`, { executionId: raw.id }));
      continue;
    }
    book.executions.push(exec);
    executionCount++;
  }
  input.events.forEach((raw, index) => {
    const path = `events[${index}]`;
    const contract = contracts.resolve(raw.contract);
    if (typeof contract === "string") {
      report(path, contract);
      return;
    }
    if (typeof raw.accountId !== "string") {
      report(path, "accountId must be a string");
      return;
    }
    const book = bookFor(contract, raw.accountId);
    const event = toEvent(raw, book, (message) => report(path, message));
    if (!event) return;
    if (event.dayNumber > asOfDay) {
      issues.push(afterAsOf(book, `${raw.type} ${raw.id} on ${raw.date}`, { eventId: raw.id }));
      return;
    }
    book.events.push(event);
  });
  if (problems.length > 0) throw new PnlInputError(problems);

  books.sort(compareBooks);
  return { asOf: input.asOf, asOfDay, contracts, books, executionCount, issues };
}

function compareBooks(a: Book, b: Book): number {
  if (a.contract.key !== b.contract.key) return a.contract.key < b.contract.key ? -1 : 1;
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
    executions: [],
    events: [],
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
  return { direction, lots: [], head: 0, openQuantity: 0, episode: null };
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

function toExec(raw: PnlExecution, book: Book, report: (message: string) => void): Exec | null {
  if (typeof raw.id !== "string" || raw.id.length === 0) return fail(report, "id is empty");
  if (raw.side !== "buy" && raw.side !== "sell") return fail(report, `side must be "buy" or "sell"`);
  if (raw.positionEffect !== "open" && raw.positionEffect !== "close") {
    return fail(report, `positionEffect must be "open" or "close"`);
  }
  const quantity = decimal(raw.quantity);
  if (quantity === null || quantity <= 0) return fail(report, "quantity is not a positive decimal");
  const price = decimal(raw.price);
  if (price === null || price < 0) return fail(report, "price is not a non-negative decimal");
  const fees = decimal(raw.fees);
  if (fees === null) return fail(report, "fees is not a decimal");
  const day = dayNumber(raw.tradeDate);
  if (Number.isNaN(day)) return fail(report, "tradeDate is not a YYYY-MM-DD date");
  if (typeof raw.executedAt !== "string" || raw.executedAt.length === 0) {
    return fail(report, "executedAt is empty");
  }
  const buy = raw.side === "buy";
  let gross: Micro;
  try {
    gross = mul(price, mul(quantity, book.contract.multiplier));
  } catch (error) {
    return fail(report, `premium is not exact: ${(error as Error).message}`);
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
    fees,
    gross,
    cash: sub(gross, fees),
    day: raw.tradeDate,
    dayNumber: day,
    instant: raw.executedAt,
    sequence: 0,
    episode: null,
    matchedQuantity: 0,
    matchedCash: 0,
  };
}

function toEvent(raw: PnlLifecycleEvent, book: Book, report: (message: string) => void): LifecycleRec | null {
  if (typeof raw.id !== "string" || raw.id.length === 0) return fail(report, "id is empty");
  if (raw.type !== "expiration" && raw.type !== "assignment" && raw.type !== "exercise") {
    return fail(report, `type must be "expiration", "assignment" or "exercise"`);
  }
  const quantity = decimal(raw.quantity);
  if (quantity === null || quantity <= 0) return fail(report, "quantity is not a positive decimal");
  const day = dayNumber(raw.date);
  if (Number.isNaN(day)) return fail(report, "date is not a YYYY-MM-DD date");
  const direction = raw.direction ?? null;
  if (direction !== null && direction !== "long" && direction !== "short") {
    return fail(report, `direction must be "long", "short" or absent`);
  }
  const stockFees = raw.stockFees == null ? 0 : decimal(raw.stockFees);
  if (stockFees === null) return fail(report, "stockFees is not a decimal");
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

function fail(report: (message: string) => void, message: string): null {
  report(message);
  return null;
}
