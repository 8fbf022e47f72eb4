import { type Micro, mul, negate, sub, tryParseDecimal } from "@/lib/money";
import { i32, item, u8 } from "./cells";
import { ContractRegistry } from "./contract";
import {
  type CorporateActionRec,
  compareActions,
  parseCorporateAction,
} from "./corporate-actions/parse-actions";
import { dayNumber } from "./dates";
import {
  type BookTable,
  BUY,
  type ContractRec,
  type FillTable,
  type LifecycleRec,
  OPEN,
  SAME_INSTANT_AS_PREVIOUS,
  type StockFlow,
} from "./internal-types";
import { compareFillTime } from "./lots/compare";
import type { PnlIssue } from "./result-types";
import { normalizeStockTrades } from "./stock-trades";
import { createWorkTables, reserveRow, type WorkTables } from "./tables";
import type { PnlExecution, PnlInput, PnlLifecycleEvent } from "./types";

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

export interface NormalizedInput extends WorkTables {
  asOf: string;
  asOfDay: number;
  contracts: ContractRegistry;
  /** Kept fills (dated on or before asOf), in input order. */
  fills: FillTable;
  events: LifecycleRec[];
  /** Equity trades (dated on or before asOf) as stock flows, in input order. */
  stockTrades: StockFlow[];
  /** Renames and splits dated on or before asOf, in the order the replay applies them. */
  actions: CorporateActionRec[];
  /** Opens books during the replay too (the adjusted contracts of corporate actions). */
  finder: BookFinder;
  /** True when the input listed executions in time order. */
  fillsSorted: boolean;
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
  if (input.corporateActions != null && !Array.isArray(input.corporateActions)) {
    report("corporateActions", "must be an array when given");
  }
  if (problems.length > 0) throw new PnlInputError(problems);

  const contracts = new ContractRegistry();
  // The replay's tables too, in one allocation (see createWorkTables).
  const tables = createWorkTables(input.executions.length, input.events.length);
  const { books, fills } = tables;
  const finder = new BookFinder(books);
  const issues: PnlIssue[] = [];

  // Inputs usually arrive in time order (a database query sorts them); noticing that here lets the
  // replay skip sorting.
  let sorted = true;
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
    const book = finder.bookFor(contract, raw.accountId);
    const problem = addFill(fills, raw, book, contract);
    if (problem !== null) {
      report(`executions[${index}]`, problem);
      continue;
    }
    const fill = fills.count - 1;
    if (i32(fills.day, fill) > asOfDay) {
      fills.count--;
      issues.push(afterAsOf(books, book, `execution ${raw.id} on ${raw.tradeDate}`, { executionId: raw.id }));
      continue;
    }
    if (sorted && fill > 0) {
      const order = compareFillTime(fills, fill - 1, fill);
      if (order > 0) sorted = false;
      else if (order === 0) fills.flags[fill] = u8(fills.flags, fill) | SAME_INSTANT_AS_PREVIOUS;
    }
  }
  const events: LifecycleRec[] = [];
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
    const book = finder.bookFor(contract, raw.accountId);
    const event = toEvent(raw, book, events.length);
    if (typeof event === "string") {
      report(`events[${index}]`, event);
      return;
    }
    if (event.dayNumber > asOfDay) {
      issues.push(afterAsOf(books, book, `${raw.type} ${raw.id} on ${raw.date}`, { eventId: raw.id }));
      return;
    }
    events.push(event);
  });
  const stockTrades = normalizeStockTrades({ trades: input.stockTrades, asOfDay, report, issues });
  const actions: CorporateActionRec[] = [];
  (input.corporateActions ?? []).forEach((raw, index) => {
    const action = parseCorporateAction(raw);
    if (typeof action === "string") {
      report(`corporateActions[${index}]`, action);
      return;
    }
    if (action.dayNumber > asOfDay) {
      issues.push({
        code: "after-as-of",
        message: `${action.type} ${action.id} of ${action.symbol} on ${action.date} is after the as-of date and was left out`,
        accountId: action.accountId,
        contractKey: "",
      });
      return;
    }
    actions.push(action);
  });
  if (problems.length > 0) throw new PnlInputError(problems);
  actions.sort(compareActions);

  return {
    ...tables,
    asOf: input.asOf,
    asOfDay,
    contracts,
    events,
    stockTrades,
    actions,
    finder,
    fillsSorted: sorted,
    issues,
  };
}

/** Finds or opens the book of (account, contract). */
export class BookFinder {
  // Books of a contract's second and later accounts (rare), by contract index and account.
  private readonly otherBooks = new Map<string, number>();
  // Roll classes: one number per (account, underlying) pair, by account, then underlying.
  private readonly pairs = new Map<string, Map<string, number>>();
  private pairCount = 0;

  constructor(private readonly books: BookTable) {}

  bookFor(contract: ContractRec, accountId: string): number {
    const books = this.books;
    const first = contract.firstBook;
    // Almost every contract is traded from one account: check its first book before searching.
    if (first >= 0 && books.accountId[first] === accountId) return first;
    if (first >= 0) {
      const key = `${contract.index}\u0000${accountId}`;
      const known = this.otherBooks.get(key);
      if (known !== undefined) return known;
      const book = this.newBook(contract, accountId);
      this.otherBooks.set(key, book);
      return book;
    }
    const book = this.newBook(contract, accountId);
    contract.firstBook = book;
    return book;
  }

  private newBook(contract: ContractRec, accountId: string): number {
    const books = this.books;
    const classId = this.rollClassOf(accountId, contract) * 2 + (contract.optionType === "call" ? 0 : 1);
    const book = reserveRow(books);
    books.contract[book] = contract;
    books.accountId[book] = accountId;
    books.rollClass[book] = classId * 2;
    books.expirationDay[book] = contract.expirationDay;
    for (let queue = book * 2; queue < book * 2 + 2; queue++) {
      books.queueHead[queue] = -1;
      books.queueTail[queue] = -1;
      books.queueEpisode[queue] = -1;
    }
    return book;
  }

  private rollClassOf(accountId: string, contract: ContractRec): number {
    let byUnderlying = this.pairs.get(accountId);
    if (byUnderlying === undefined) {
      byUnderlying = new Map();
      this.pairs.set(accountId, byUnderlying);
    }
    let pair = byUnderlying.get(contract.underlying);
    if (pair === undefined) {
      pair = this.pairCount++;
      byUnderlying.set(contract.underlying, pair);
    }
    return pair;
  }
}

/** Canonical book order: underlying, expiration, call/put, strike, multiplier, account. */
export function compareBooks(books: BookTable, a: number, b: number): number {
  const x = books.contract[a] as ContractRec;
  const y = books.contract[b] as ContractRec;
  if (x !== y) {
    if (x.underlying !== y.underlying) return x.underlying < y.underlying ? -1 : 1;
    if (x.expirationDay !== y.expirationDay) return x.expirationDay - y.expirationDay;
    if (x.optionType !== y.optionType) return x.optionType < y.optionType ? -1 : 1;
    if (x.strike !== y.strike) return x.strike - y.strike;
    return x.multiplier - y.multiplier;
  }
  const p = item(books.accountId, a);
  const q = item(books.accountId, b);
  return p < q ? -1 : p > q ? 1 : 0;
}

function afterAsOf(
  books: BookTable,
  book: number,
  what: string,
  ids: { executionId?: string; eventId?: string },
): PnlIssue {
  return {
    code: "after-as-of",
    message: `${what} is after the as-of date and was left out`,
    accountId: item(books.accountId, book),
    contractKey: (books.contract[book] as ContractRec).key,
    ...ids,
  };
}

/** Appends a fill's row, or says what is wrong with it (and appends nothing). */
function addFill(fills: FillTable, raw: PnlExecution, book: number, contract: ContractRec): string | null {
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
    gross = mul(price, mul(quantity, contract.multiplier));
  } catch (error) {
    return `premium is not exact: ${(error as Error).message}`;
  }
  if (buy) gross = negate(gross);
  const cash = sub(gross, fees);
  const fill = fills.count++;
  fills.raw[fill] = raw;
  fills.book[fill] = book;
  fills.day[fill] = day;
  fills.flags[fill] = (buy ? BUY : 0) | (raw.positionEffect === "open" ? OPEN : 0);
  fills.quantity[fill] = quantity;
  fills.price[fill] = price;
  fills.fees[fill] = fees;
  fills.cash[fill] = cash;
  fills.nextLot[fill] = -1;
  fills.episode[fill] = -1;
  return null;
}

function toEvent(raw: PnlLifecycleEvent, book: number, index: number): LifecycleRec | string {
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
    index,
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
