import { add, formatQuantity, sub } from "@/lib/money";
import type { Book, Exec, LifecycleRec } from "../internal-types";
import { PnlInputError } from "../normalize";
import { compareExecs, compareIds } from "./compare";
import { closeLots, openLot } from "./fifo";
import { applyEvent, inferExpiry, type LifecycleState } from "./lifecycle";

/**
 * Replays all fills in time order (trade date, then instant) as one stream — the order the input
 * usually arrives in, which keeps memory access sequential — with each fill going to its own
 * (account, contract) book. The events of a date are applied after that date's fills; a book whose
 * contract expired with lots still open and no event is closed as an inferred expiry.
 *
 * Fills that share one instant (a date-only source gives a whole day the same one) follow the
 * same-instant rule, sorted by id: first the closes that already-open lots can satisfy, then the
 * opens, then the remaining closes. A day trade therefore opens before it closes, and a position
 * closed and reopened the same day ends its old lots before the new ones start. Books never
 * interact, so the result does not depend on how fills of different contracts interleave.
 */
export interface ReplayOptions {
  executions: Exec[];
  events: LifecycleRec[];
  books: readonly Book[];
  asOfDay: number;
  /** The fills are known to be in time order already (see normalizeInput). */
  sorted: boolean;
}

export function replayAll(state: LifecycleState, options: ReplayOptions): void {
  const { executions, events, books, asOfDay } = options;
  if (!options.sorted) executions.sort(compareExecs);
  events.sort((a, b) => a.dayNumber - b.dayNumber || compareIds(a.id, b.id));
  let nextEvent = 0;
  let index = 0;
  while (index < executions.length) {
    const first = executions[index] as Exec;
    let end = index + 1;
    while (end < executions.length && sameInstant(first, executions[end] as Exec)) end++;
    while (nextEvent < events.length && (events[nextEvent] as LifecycleRec).dayNumber < first.dayNumber) {
      applyEvent(state, events[nextEvent++] as LifecycleRec);
    }
    if (end === index + 1) processExec(state, first);
    else {
      // Sorted in place, so later passes (rolls, days) see the canonical order too.
      const batch = executions.slice(index, end).sort((a, b) => compareIds(a.id, b.id));
      // Ids order same-instant fills, so two fills sharing one would make the result depend on input order.
      for (let offset = 1; offset < batch.length; offset++) {
        const id = (batch[offset] as Exec).id;
        if (id === (batch[offset - 1] as Exec).id) {
          throw new PnlInputError([
            { path: `executions (id ${JSON.stringify(id)})`, message: "duplicate execution id" },
          ]);
        }
      }
      for (let offset = 0; offset < batch.length; offset++)
        executions[index + offset] = batch[offset] as Exec;
      processBatch(state, batch);
    }
    index = end;
  }
  while (nextEvent < events.length) applyEvent(state, events[nextEvent++] as LifecycleRec);
  for (const book of books) {
    if (
      asOfDay > book.contract.expirationDay &&
      (book.long.openQuantity > 0 || book.short.openQuantity > 0)
    ) {
      inferExpiry(state, book);
    }
  }
}

function processBatch(state: LifecycleState, batch: Exec[]): void {
  const deferred: Exec[] = [];
  for (const exec of batch) {
    if (exec.open) continue;
    const queue = exec.buy ? exec.book.short : exec.book.long;
    if (queue.openQuantity >= exec.quantity) processExec(state, exec);
    else deferred.push(exec);
  }
  for (const exec of batch) if (exec.open) processExec(state, exec);
  for (const exec of deferred) processExec(state, exec);
}

function processExec(state: LifecycleState, exec: Exec): void {
  const book = exec.book;
  if (exec.dayNumber > book.contract.expirationDay) {
    if (!book.expiryApplied) inferExpiry(state, book);
    reportLate(state, exec);
  }
  book.cashFlow = add(book.cashFlow, exec.cash);
  book.fees = add(book.fees, exec.fees);
  state.days.fill(exec.dayNumber, exec.day, exec.fees, exec.cash);
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
    dayNumber: exec.dayNumber,
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
