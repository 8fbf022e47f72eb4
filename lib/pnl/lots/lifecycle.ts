import { formatQuantity, type Micro, mul } from "@/lib/money";
import type { Book, LifecycleRec, LotQueue, StockFlow } from "../internal-types";
import type { CloseKind } from "../types";
import { closeLots, type ReplayState } from "./fifo";

/**
 * Expirations, assignments and exercises. Each closes option lots at zero (the premium was booked
 * when the lot opened, so the realized P&L is the premium net of fees); assignment and exercise
 * also deliver stock at the strike, which is booked apart from the option figures.
 */

export interface LifecycleState extends ReplayState {
  stockFlows: StockFlow[];
}

const KIND: Record<LifecycleRec["type"], CloseKind> = {
  expiration: "expiration",
  assignment: "assignment",
  exercise: "exercise",
};

export function applyEvent(state: LifecycleState, event: LifecycleRec): void {
  const book = event.book;
  book.lastCloseKind = KIND[event.type];
  let remaining = event.quantity;
  for (const queue of queuesFor(book, event)) {
    if (remaining === 0) break;
    remaining -= closeAtZero(state, queue, {
      quantity: remaining,
      kind: KIND[event.type],
      day: event.day,
      dayNumber: event.dayNumber,
      event,
    });
  }
  if (remaining > 0) {
    state.issues.push({
      code: "event-without-position",
      message: `${event.type} of ${formatQuantity(event.quantity)} on ${event.day} found only ${formatQuantity(event.quantity - remaining)} open (the opening trade is probably older than the data)`,
      accountId: book.accountId,
      contractKey: book.contract.key,
      eventId: event.id,
      quantity: formatQuantity(remaining),
    });
  }
  if (event.type !== "expiration") state.stockFlows.push(stockFlowOf(event));
}

/** Closes whatever is still open at zero on the expiration date, flagged as inferred, never silently. */
export function inferExpiry(state: LifecycleState, book: Book): void {
  book.expiryApplied = true;
  let closed = 0;
  for (const queue of [book.short, book.long]) {
    closed += closeAtZero(state, queue, {
      quantity: queue.openQuantity,
      kind: "expiration-inferred",
      day: book.contract.expiration,
      dayNumber: book.contract.expirationDay,
      event: null,
    });
  }
  if (closed > 0) {
    state.issues.push({
      code: "expired-inferred",
      message: `${formatQuantity(closed)} contract(s) past expiration ${book.contract.expiration} with no expiration, assignment or exercise: closed at 0 as expired (inferred)`,
      accountId: book.accountId,
      contractKey: book.contract.key,
      quantity: formatQuantity(closed),
    });
  }
}

interface ZeroClose {
  quantity: Micro;
  kind: CloseKind;
  day: string;
  dayNumber: number;
  event: LifecycleRec | null;
}

function closeAtZero(state: LifecycleState, queue: LotQueue, close: ZeroClose): Micro {
  return closeLots(state, queue, {
    exec: null,
    event: close.event,
    kind: close.kind,
    day: close.day,
    dayNumber: close.dayNumber,
    quantity: close.quantity,
    gross: 0,
    fees: 0,
  });
}

function queuesFor(book: Book, event: LifecycleRec): LotQueue[] {
  // Only a short can be assigned and only a long exercised; an expiration closes the side the
  // source names, or whichever side is open (a Robinhood account cannot hold both).
  if (event.type === "assignment") return [book.short];
  if (event.type === "exercise") return [book.long];
  if (event.direction === "long") return [book.long];
  if (event.direction === "short") return [book.short];
  return [book.short, book.long];
}

function stockFlowOf(event: LifecycleRec): StockFlow {
  const contract = event.book.contract;
  // A call assigned sells stock, a put assigned buys it; exercising does the opposite.
  const call = contract.optionType === "call";
  const buy = event.type === "exercise" ? call : !call;
  return {
    event,
    accountId: event.book.accountId,
    underlying: contract.underlying,
    buy,
    shares: mul(event.quantity, contract.multiplier),
    price: contract.strike,
    fees: event.stockFees,
  };
}
