import { tryParseDecimal } from "@/lib/money";
import { ContractRegistry } from "./contract";
import { dayNumber, instantMs } from "./dates";
import {
  createContractColumns,
  createExecutionColumns,
  FILL_BUYS,
  FILL_OPENS,
  type PnlColumns,
  type PnlContractColumns,
  type PnlExecutionColumns,
} from "./input-columns";
import { PnlInputError } from "./input-error";
import { anchorShape } from "./shape-anchors";
import type { PnlExecution, PnlInput } from "./types";

/**
 * The object input as columns: the thin adapter that lets the CLI, the importers and the tests keep
 * passing `PnlInput` while the engine reads only columns. Parses each fill's decimals, dates and
 * instant once and interns its account, contract and order; the result gives `computePnl` exactly
 * what the object input gives it. Throws `PnlInputError` listing the malformed fills.
 */
export function toPnlColumns(input: PnlInput): PnlColumns {
  const problems: { path: string; message: string }[] = [];
  const columns = executionColumns(input.executions, (path, message) => problems.push({ path, message }));
  if (problems.length > 0) throw new PnlInputError(problems);
  return {
    format: "columns",
    asOf: input.asOf,
    ...columns,
    events: input.events,
    ...(input.stockTrades === undefined ? {} : { stockTrades: input.stockTrades }),
    ...(input.corporateActions === undefined ? {} : { corporateActions: input.corporateActions }),
    marks: input.marks,
    ...(input.stockMarks === undefined ? {} : { stockMarks: input.stockMarks }),
  };
}

export interface ExecutionColumnSet {
  accounts: string[];
  contracts: PnlContractColumns;
  orders: string[];
  executions: PnlExecutionColumns;
}

/**
 * Columns of the valid fills; each malformed one is reported at `executions[i]` with what is wrong
 * and left out (the caller then refuses the input as a whole).
 */
export function executionColumns(
  executions: readonly PnlExecution[],
  report: (path: string, message: string) => void,
): ExecutionColumnSet {
  const registry = new ContractRegistry();
  const accounts = new Interner();
  const orders = new Interner();
  const columns = createExecutionColumns(executions.length);
  for (let index = 0; index < executions.length; index++) {
    const raw = executions[index] as PnlExecution;
    const contract = registry.resolve(raw.contract);
    const problem =
      typeof contract === "string"
        ? contract
        : typeof raw.accountId !== "string"
          ? "accountId must be a string"
          : addRow(columns, raw);
    if (problem !== null || typeof contract === "string") {
      report(`executions[${index}]`, problem ?? "contract is invalid");
      continue;
    }
    const row = columns.count++;
    columns.account[row] = accounts.indexOf(raw.accountId);
    columns.contract[row] = contract.index;
    columns.order[row] = raw.orderId == null ? -1 : orders.indexOf(raw.orderId);
  }
  const contracts = createContractColumns(registry.list.length);
  for (const record of registry.list) {
    const row = contracts.count++;
    contracts.underlying[row] = record.underlying;
    contracts.expirationDay[row] = record.expirationDay;
    contracts.optionType[row] = record.optionType === "call" ? 0 : 1;
    contracts.strike[row] = record.strike;
    contracts.multiplier[row] = record.multiplier;
  }
  return { accounts: accounts.list, contracts, orders: orders.list, executions: columns };
}

/** Writes a fill's own fields into the next row (not yet counted), or says what is wrong with it. */
function addRow(columns: PnlExecutionColumns & { id: string[] }, raw: PnlExecution): string | null {
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
  if (typeof raw.executedAt !== "string" || raw.executedAt.length === 0) return "executedAt is empty";
  const time = instantMs(raw.executedAt);
  if (Number.isNaN(time)) return "executedAt is not an ISO-8601 instant";
  const row = columns.count;
  columns.id[row] = raw.id;
  columns.flags[row] =
    (raw.side === "buy" ? FILL_BUYS : 0) | (raw.positionEffect === "open" ? FILL_OPENS : 0);
  columns.quantity[row] = quantity;
  columns.price[row] = price;
  columns.fees[row] = fees;
  columns.executedAt[row] = time;
  columns.tradeDay[row] = day;
  return null;
}

function decimal(value: unknown): number | null {
  return typeof value === "string" ? tryParseDecimal(value) : null;
}

/** Numbers distinct strings in first-seen order. */
class Interner {
  readonly list: string[] = [];
  private readonly indexes = new Map<string, number>();
  // Consecutive fills mostly share an account and often an order.
  private last = "";
  private lastIndex = -1;

  indexOf(text: string): number {
    if (text === this.last && this.lastIndex >= 0) return this.lastIndex;
    let index = this.indexes.get(text);
    if (index === undefined) {
      index = this.list.length;
      this.list.push(text);
      this.indexes.set(text, index);
    }
    this.last = text;
    this.lastIndex = index;
    return index;
  }
}

// See shape-anchors.ts: the adapter makes two of these per run and keeps neither.
anchorShape(new Interner());
