import { type Micro, tryParseDecimal } from "@/lib/money";
import { BookFinder } from "./book-finder";
import { ContractRegistry } from "./contract";
import {
  type CorporateActionRec,
  compareActions,
  parseCorporateAction,
} from "./corporate-actions/parse-actions";
import { dayNumber } from "./dates";
import { addFills, afterAsOf } from "./fill-rows";
import { isColumnar, type PnlColumns } from "./input-columns";
import { type InputProblem, PnlInputError } from "./input-error";
import type { FillTable, LifecycleRec, StockFlow } from "./internal-types";
import type { PnlIssue } from "./result-types";
import { normalizeStockTrades } from "./stock-trades";
import { createWorkTables, type WorkTables } from "./tables";
import { executionColumns } from "./to-columns";
import type { PnlInput, PnlLifecycleEvent } from "./types";

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

/**
 * Validates the input and fills the replay's tables. Executions are read from columns: the loader's
 * (`PnlColumns`), or the object input's, made by the adapter (`executionColumns`) in the same pass
 * that validates each fill, so both forms take one path from here on.
 */
export function normalizeInput(input: PnlInput | PnlColumns): NormalizedInput {
  const problems: InputProblem[] = [];
  const report = (path: string, message: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ path, message });
  };
  const asOfDay = typeof input.asOf === "string" ? dayNumber(input.asOf) : Number.NaN;
  if (Number.isNaN(asOfDay)) report("asOf", "must be a YYYY-MM-DD date");
  const columnar = isColumnar(input);
  if (!columnar && !Array.isArray(input.executions)) report("executions", "must be an array");
  if (!Array.isArray(input.events)) report("events", "must be an array");
  if (input.corporateActions != null && !Array.isArray(input.corporateActions)) {
    report("corporateActions", "must be an array when given");
  }
  if (problems.length > 0) throw new PnlInputError(problems);
  const columns = columnar ? input : executionColumns(input.executions, report);

  const contracts = new ContractRegistry(columns.contracts.count);
  // The replay's tables too, in one allocation (see createWorkTables).
  const tables = createWorkTables(columns.executions.count, input.events.length);
  const { books, fills } = tables;
  const finder = new BookFinder(books);
  const issues: PnlIssue[] = [];
  fills.orderIds = columns.orders;
  const sorted = addFills({ columns, contracts, fills, books, finder, asOfDay, report, issues });

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
