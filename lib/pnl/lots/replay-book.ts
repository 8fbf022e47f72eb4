import { add, formatQuantity, sub } from "@/lib/money";
import type { Book, Exec } from "../internal-types";
import { closeLots, openLot } from "./fifo";
import { applyEvent, inferExpiry, type LifecycleState } from "./lifecycle";

/**
 * Replays one (account, contract) book in time order: fills by trade date, instant and id; the
 * events of a date after that date's fills; an inferred expiry once the expiration has passed.
 *
 * Fills that share one instant (a date-only source gives a whole day the same one) are ordered by
 * the same-instant rule: first the closes that lots already open can satisfy, then the opens, then
 * the remaining closes. A day trade therefore opens before it closes, and a position closed and
 * reopened the same day ends its old lots before the new ones start.
 */
export function replayBook(state: LifecycleState, book: Book, asOfDay: number): void {
  const executions = book.executions;
  if (!isSorted(executions)) executions.sort(compareExecs);
  const events = book.events;
  if (events.length > 1) events.sort((a, b) => a.dayNumber - b.dayNumber || compareIds(a.id, b.id));
  const expirationDay = book.contract.expirationDay;
  let nextEvent = 0;
  let sequence = 0;
  let index = 0;
  while (index < executions.length) {
    const first = executions[index] as Exec;
    let end = index + 1;
    while (end < executions.length && sameInstant(first, executions[end] as Exec)) end++;
    while (nextEvent < events.length && (events[nextEvent]?.dayNumber ?? 0) < first.dayNumber) {
      applyEvent(state, events[nextEvent++] as (typeof events)[number]);
    }
    if (first.dayNumber > expirationDay) {
      if (!book.expiryApplied) inferExpiry(state, book);
      for (let late = index; late < end; late++) reportLate(state, executions[late] as Exec);
    }
    if (end === index + 1) {
      first.sequence = sequence++;
      processExec(state, first);
    } else {
      sequence = processBatch(state, executions.slice(index, end), sequence);
    }
    index = end;
  }
  while (nextEvent < events.length) applyEvent(state, events[nextEvent++] as (typeof events)[number]);
  if (asOfDay > expirationDay && (book.long.openQuantity > 0 || book.short.openQuantity > 0)) {
    inferExpiry(state, book);
  }
}

function processBatch(state: LifecycleState, batch: Exec[], start: number): number {
  batch.sort((a, b) => compareIds(a.id, b.id));
  let sequence = start;
  const deferred: Exec[] = [];
  for (const exec of batch) {
    if (exec.open) continue;
    const queue = exec.buy ? exec.book.short : exec.book.long;
    if (queue.openQuantity >= exec.quantity) {
      exec.sequence = sequence++;
      processExec(state, exec);
    } else deferred.push(exec);
  }
  for (const exec of batch) {
    if (!exec.open) continue;
    exec.sequence = sequence++;
    processExec(state, exec);
  }
  for (const exec of deferred) {
    exec.sequence = sequence++;
    processExec(state, exec);
  }
  return sequence;
}

function processExec(state: LifecycleState, exec: Exec): void {
  const book = exec.book;
  book.cashFlow = add(book.cashFlow, exec.cash);
  book.fees = add(book.fees, exec.fees);
  if (exec.open) {
    openLot(state, exec);
    return;
  }
  // Buying to close consumes short lots; selling to close consumes long ones.
  const queue = exec.buy ? book.short : book.long;
  exec.episode = queue.episode;
  const closer = {
    exec,
    event: null,
    kind: "trade" as const,
    day: exec.day,
    price: exec.price,
    quantity: exec.quantity,
    gross: exec.gross,
    fees: exec.fees,
  };
  const matched = closeLots(state, queue, closer);
  exec.matchedQuantity = matched;
  if (closer.quantity > 0) {
    const unmatchedCash = sub(closer.gross, closer.fees);
    exec.matchedCash = sub(exec.cash, unmatchedCash);
    state.unmatchedCloseCash = add(state.unmatchedCloseCash, unmatchedCash);
    state.issues.push({
      code: "close-without-position",
      message: `${exec.buy ? "buy" : "sell"} to close of ${formatQuantity(exec.quantity)} on ${exec.day} found ${formatQuantity(matched)} open (the opening trade is probably older than the data)`,
      accountId: book.accountId,
      contractKey: book.contract.key,
      executionId: exec.id,
      quantity: formatQuantity(closer.quantity),
    });
  } else exec.matchedCash = exec.cash;
}

function reportLate(state: LifecycleState, exec: Exec): void {
  state.issues.push({
    code: "execution-after-expiration",
    message: `fill ${exec.id} on ${exec.day} is after the contract expired on ${exec.book.contract.expiration}`,
    accountId: exec.book.accountId,
    contractKey: exec.book.contract.key,
    executionId: exec.id,
  });
}

function sameInstant(a: Exec, b: Exec): boolean {
  return a.dayNumber === b.dayNumber && a.instant === b.instant;
}

function isSorted(executions: Exec[]): boolean {
  for (let index = 1; index < executions.length; index++) {
    if (compareTime(executions[index - 1] as Exec, executions[index] as Exec) > 0) return false;
  }
  return true;
}

/** Trade date, then instant; ids break ties only inside a same-instant batch. */
function compareExecs(a: Exec, b: Exec): number {
  return compareTime(a, b) || compareIds(a.id, b.id);
}

export function compareTime(a: Exec, b: Exec): number {
  if (a.dayNumber !== b.dayNumber) return a.dayNumber - b.dayNumber;
  if (a.instant === b.instant) return 0;
  // Same-shaped UTC instants ("…Z", equal length) order as strings; anything else is parsed.
  if (a.instant.length === b.instant.length && a.instant.endsWith("Z") && b.instant.endsWith("Z")) {
    return a.instant < b.instant ? -1 : 1;
  }
  const difference = Date.parse(a.instant) - Date.parse(b.instant);
  if (Number.isNaN(difference) || difference === 0) return a.instant < b.instant ? -1 : 1;
  return difference;
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
