import { type Micro, mul, negate, sub } from "@/lib/money";
import type { BookFinder } from "./book-finder";
import { i32, item, u8 } from "./cells";
import type { ContractRegistry } from "./contract";
import { formatDay } from "./dates";
import { FILL_BUYS, FILL_OPENS, type PnlColumns } from "./input-columns";
import {
  type BookTable,
  BUY,
  type ContractRec,
  type FillTable,
  OPEN,
  SAME_INSTANT_AS_PREVIOUS,
} from "./internal-types";
import { compareFillTime } from "./lots/compare";
import type { PnlIssue } from "./result-types";

export interface FillRowsInput {
  columns: Pick<PnlColumns, "accounts" | "contracts" | "orders" | "executions">;
  contracts: ContractRegistry;
  fills: FillTable;
  books: BookTable;
  finder: BookFinder;
  asOfDay: number;
  report: (path: string, message: string) => void;
  issues: PnlIssue[];
}

/**
 * Copies the execution columns into the fill table, one row per fill dated on or before `asOfDay`
 * (later ones are left out with an `after-as-of` issue), with its book and its signed cash. Only
 * numbers are checked here: the columns already hold parsed values. Returns whether the fills were
 * in time order, marking each fill that shares its predecessor's instant, so the replay can skip
 * sorting (a database query sorts them).
 */
export function addFills(input: FillRowsInput): boolean {
  const { columns, fills, books, finder, asOfDay, report, issues } = input;
  const { executions, accounts, orders } = columns;
  const records = contractRecords(columns.contracts, input.contracts);
  let sorted = true;
  for (let row = 0; row < executions.count; row++) {
    const contract = records[i32(executions.contract, row)];
    const account = i32(executions.account, row);
    if (contract === undefined || contract === null) {
      report(`executions[${row}]`, `contract ${executions.contract[row]} is not a valid row of contracts`);
      continue;
    }
    if (!(account >= 0 && account < accounts.length)) {
      report(`executions[${row}]`, `account ${account} is not an index of accounts`);
      continue;
    }
    const book = finder.bookFor(contract, item(accounts, account));
    const problem = addFill(fills, executions, row, book, contract, orders.length);
    if (problem !== null) {
      report(`executions[${row}]`, problem);
      continue;
    }
    const fill = fills.count - 1;
    const day = i32(fills.day, fill);
    if (day > asOfDay) {
      fills.count--;
      const id = item(fills.id, fill);
      issues.push(afterAsOf(books, book, `execution ${id} on ${formatDay(day)}`, { executionId: id }));
      continue;
    }
    if (sorted && fill > 0) {
      const order = compareFillTime(fills, fill - 1, fill);
      if (order > 0) sorted = false;
      else if (order === 0) fills.flags[fill] = u8(fills.flags, fill) | SAME_INSTANT_AS_PREVIOUS;
    }
  }
  return sorted;
}

/** The record of each row of the contract columns, or null for a malformed row. */
function contractRecords(
  columns: PnlColumns["contracts"],
  registry: ContractRegistry,
): (ContractRec | null)[] {
  const records: (ContractRec | null)[] = new Array(columns.count);
  for (let row = 0; row < columns.count; row++) {
    const underlying = columns.underlying[row];
    const strike = f64At(columns.strike, row);
    const multiplier = f64At(columns.multiplier, row);
    const optionType = columns.optionType[row];
    const valid =
      typeof underlying === "string" &&
      underlying.length > 0 &&
      (optionType === 0 || optionType === 1) &&
      Number.isSafeInteger(strike) &&
      strike > 0 &&
      Number.isSafeInteger(multiplier) &&
      multiplier > 0;
    if (!valid) {
      records[row] = null;
      continue;
    }
    const record = registry.intern(
      underlying,
      i32(columns.expirationDay, row),
      optionType === 0 ? "call" : "put",
      strike,
      multiplier,
    );
    if (record.inputRow < 0) record.inputRow = row;
    records[row] = record;
  }
  return records;
}

function f64At(column: Float64Array, row: number): number {
  return column[row] ?? Number.NaN;
}

/** Appends a fill's row, or says what is wrong with it (and appends nothing). */
function addFill(
  fills: FillTable,
  executions: PnlColumns["executions"],
  row: number,
  book: number,
  contract: ContractRec,
  orderCount: number,
): string | null {
  const id = executions.id[row];
  if (typeof id !== "string" || id.length === 0) return "id is empty";
  const flags = u8(executions.flags, row);
  if (flags > (FILL_BUYS | FILL_OPENS))
    return `flags ${flags} is not a combination of FILL_BUYS and FILL_OPENS`;
  const quantity = f64At(executions.quantity, row);
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return "quantity is not a positive decimal";
  const price = f64At(executions.price, row);
  if (!Number.isSafeInteger(price) || price < 0) return "price is not a non-negative decimal";
  const fees = f64At(executions.fees, row);
  if (!Number.isSafeInteger(fees)) return "fees is not a decimal";
  const time = f64At(executions.executedAt, row);
  if (!Number.isFinite(time)) return "executedAt is not an instant";
  const order = i32(executions.order, row);
  if (order < -1 || order >= orderCount) return `order ${order} is not an index of orders`;
  const buy = (flags & FILL_BUYS) !== 0;
  let gross: Micro;
  try {
    gross = mul(price, mul(quantity, contract.multiplier));
  } catch (error) {
    return `premium is not exact: ${(error as Error).message}`;
  }
  if (buy) gross = negate(gross);
  const fill = fills.count++;
  fills.id[fill] = id;
  fills.book[fill] = book;
  fills.order[fill] = order;
  fills.time[fill] = time;
  fills.day[fill] = i32(executions.tradeDay, row);
  fills.flags[fill] = (buy ? BUY : 0) | ((flags & FILL_OPENS) !== 0 ? OPEN : 0);
  fills.quantity[fill] = quantity;
  fills.price[fill] = price;
  fills.fees[fill] = fees;
  fills.cash[fill] = sub(gross, fees);
  fills.nextLot[fill] = -1;
  fills.episode[fill] = -1;
  return null;
}

export function afterAsOf(
  books: BookTable,
  book: number,
  what: string,
  ids: { executionId?: string; eventId?: string },
): PnlIssue {
  return {
    code: "after-as-of",
    message: `${what} is after the as-of date and was left out`,
    accountId: item(books.accountId, book),
    contractKey: item(books.contract, book).key,
    ...ids,
  };
}
