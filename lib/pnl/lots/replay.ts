import { add, formatQuantity, sub } from "@/lib/money";
import { compareBooks } from "../book-finder";
import { f64, i32, item, u8 } from "../cells";
import type { CorporateActionReplay } from "../corporate-actions/apply-actions";
import { formatDay } from "../dates";
import { fillDate, fillId } from "../fill-fields";
import { PnlInputError } from "../input-error";
import {
  BUY,
  type ContractRec,
  type FillTable,
  type LifecycleRec,
  OPEN,
  SAME_INSTANT_AS_PREVIOUS,
} from "../internal-types";
import { compareFills, compareIds } from "./compare";
import { closeLots, openLot, premiumOf, queueOf } from "./fifo";
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
 *
 * Leaves the replay order in `state.order` and the events, sorted, in `state.events`.
 */
export function replayAll(
  state: LifecycleState,
  options: { sorted: boolean; asOfDay: number; actions?: CorporateActionReplay | null },
): void {
  const { fills, books } = state;
  const order = replayOrder(fills, options.sorted);
  state.order = order;
  const events = sortEvents(state.events);
  state.events = events;
  const actions = options.actions ?? null;
  let nextEvent = 0;
  // Events close a date (they follow its fills); a corporate action opens one (it precedes them).
  const catchUp = (day: number) => {
    for (;;) {
      const eventDay = nextEvent < events.length ? (events[nextEvent] as LifecycleRec).dayNumber : Infinity;
      const actionDay = (actions as CorporateActionReplay).nextDay();
      if (actionDay <= day && actionDay <= eventDay) (actions as CorporateActionReplay).applyNext();
      else if (eventDay < day) applyEvent(state, events[nextEvent++] as LifecycleRec);
      else return;
    }
  };
  let index = 0;
  while (index < fills.count) {
    const first = i32(order, index);
    let end = index + 1;
    // In time-ordered input, order[k] is k until its batch is sorted, and normalizing marked each
    // fill that shares its predecessor's instant; otherwise the instants are compared.
    if (options.sorted) {
      while (end < fills.count && (u8(fills.flags, end) & SAME_INSTANT_AS_PREVIOUS) !== 0) end++;
    } else {
      while (end < fills.count && sameInstant(fills, first, i32(order, end))) end++;
    }
    const day = i32(fills.day, first);
    if (actions !== null) catchUp(day);
    else {
      while (nextEvent < events.length && (events[nextEvent] as LifecycleRec).dayNumber < day) {
        applyEvent(state, events[nextEvent++] as LifecycleRec);
      }
    }
    if (end === index + 1) processFill(state, first);
    else {
      // Sorted in place, so later passes (rolls, days) see the canonical order too.
      const batch = Array.from(order.subarray(index, end)).sort((a, b) =>
        compareIds(fillId(fills, a), fillId(fills, b)),
      );
      // Ids order same-instant fills, so two fills sharing one would make the result depend on input order.
      for (let offset = 1; offset < batch.length; offset++) {
        const id = fillId(fills, item(batch, offset));
        if (id === fillId(fills, item(batch, offset - 1))) {
          throw new PnlInputError([
            { path: `executions (id ${JSON.stringify(id)})`, message: "duplicate execution id" },
          ]);
        }
      }
      order.set(batch, index);
      processBatch(state, batch);
    }
    index = end;
  }
  if (actions !== null) catchUp(Number.MAX_SAFE_INTEGER);
  while (nextEvent < events.length) applyEvent(state, events[nextEvent++] as LifecycleRec);
  const expired: number[] = [];
  for (let book = 0; book < books.count; book++) {
    if (
      options.asOfDay > i32(books.expirationDay, book) &&
      (f64(books.queueOpen, book * 2) > 0 || f64(books.queueOpen, book * 2 + 1) > 0)
    ) {
      expired.push(book);
    }
  }
  // In canonical book order, so the result does not depend on the order contracts first appeared.
  expired.sort((a, b) => compareBooks(books, a, b));
  for (const book of expired) inferExpiry(state, book);
}

function replayOrder(fills: FillTable, sorted: boolean): Int32Array {
  const order = new Int32Array(fills.count);
  for (let index = 0; index < fills.count; index++) order[index] = index;
  if (sorted) return order;
  const indexes = Array.from(order).sort((a, b) => compareFills(fills, a, b));
  order.set(indexes);
  return order;
}

function sortEvents(events: LifecycleRec[]): LifecycleRec[] {
  let sorted = true;
  for (let index = 1; index < events.length && sorted; index++) {
    sorted = byDayThenId(events[index - 1] as LifecycleRec, events[index] as LifecycleRec) <= 0;
  }
  if (!sorted) events.sort(byDayThenId);
  for (let index = 0; index < events.length; index++) (events[index] as LifecycleRec).index = index;
  return events;
}

// Defined once: a comparator made per call is compiled again after every recompute.
function byDayThenId(a: LifecycleRec, b: LifecycleRec): number {
  return a.dayNumber - b.dayNumber || compareIds(a.id, b.id);
}

function processBatch(state: LifecycleState, batch: number[]): void {
  const { fills, books } = state;
  const deferred: number[] = [];
  for (const fill of batch) {
    if ((u8(fills.flags, fill) & OPEN) !== 0) continue;
    if (f64(books.queueOpen, queueOf(fills, fill, false)) >= f64(fills.quantity, fill)) {
      processFill(state, fill);
    } else deferred.push(fill);
  }
  for (const fill of batch) if ((u8(fills.flags, fill) & OPEN) !== 0) processFill(state, fill);
  for (const fill of deferred) processFill(state, fill);
}

function processFill(state: LifecycleState, fill: number): void {
  const { fills, books } = state;
  const book = i32(fills.book, fill);
  const day = i32(fills.day, fill);
  if (day > i32(books.expirationDay, book)) {
    if (books.expiryApplied[book] === 0) inferExpiry(state, book);
    reportLate(state, fill);
  }
  const cash = f64(fills.cash, fill);
  const fees = f64(fills.fees, fill);
  books.cashFlow[book] = add(f64(books.cashFlow, book), cash);
  books.fees[book] = add(f64(books.fees, book), fees);
  state.days.fill(day, fees, cash);
  if ((u8(fills.flags, fill) & OPEN) !== 0) {
    openLot(state, fill);
    return;
  }
  // Buying to close consumes short lots; selling to close consumes long ones.
  const queue = queueOf(fills, fill, false);
  fills.episode[fill] = i32(books.queueEpisode, queue);
  const quantity = f64(fills.quantity, fill);
  // One closer object serves every fill, so the replay allocates nothing per close.
  const closer = state.tradeCloser;
  closer.fill = fill;
  closer.dayNumber = day;
  closer.day = formatDay(day);
  closer.quantity = quantity;
  closer.gross = premiumOf(fills, fill);
  closer.fees = fees;
  const matched = closeLots(state, queue, closer);
  fills.matchedQuantity[fill] = matched;
  if (state.restQuantity > 0) {
    const unmatchedCash = sub(state.restGross, state.restFees);
    fills.matchedCash[fill] = sub(cash, unmatchedCash);
    state.unmatchedCloseCash = add(state.unmatchedCloseCash, unmatchedCash);
    const buy = (u8(fills.flags, fill) & BUY) !== 0;
    state.issues.push({
      code: "close-without-position",
      message: `${buy ? "buy" : "sell"} to close of ${formatQuantity(quantity)} on ${formatDay(day)} found ${formatQuantity(matched)} open (the opening trade is probably older than the data)`,
      accountId: item(books.accountId, book),
      contractKey: (books.contract[book] as ContractRec).key,
      executionId: fillId(fills, fill),
      quantity: formatQuantity(state.restQuantity),
    });
  } else fills.matchedCash[fill] = cash;
}

function reportLate(state: LifecycleState, fill: number): void {
  const { fills, books } = state;
  const book = i32(fills.book, fill);
  const contract = item(books.contract, book);
  const id = fillId(fills, fill);
  state.issues.push({
    code: "execution-after-expiration",
    message: `fill ${id} on ${fillDate(fills, fill)} is after the contract expired on ${contract.expiration}`,
    accountId: item(books.accountId, book),
    contractKey: contract.key,
    executionId: id,
  });
}

function sameInstant(fills: FillTable, a: number, b: number): boolean {
  return fills.day[a] === fills.day[b] && fills.time[a] === fills.time[b];
}
