import { formatQuantity, mul } from "@/lib/money";
import { f64, item } from "../cells";
import {
  type ContractRec,
  closeKindCode,
  DELIVERY_PHASE,
  EXPIRATION_INFERRED,
  type LifecycleRec,
  LONG,
  SHORT,
  type StockFlow,
} from "../internal-types";
import { closeLots, type ReplayState } from "./fifo";

/**
 * Expirations, assignments and exercises. Each closes option lots at zero (the premium was booked
 * when the lot opened, so the realized P&L is the premium net of fees); assignment and exercise
 * also deliver stock at the strike, which is booked apart from the option figures.
 */

export interface LifecycleState extends ReplayState {
  stockFlows: StockFlow[];
}

export function applyEvent(state: LifecycleState, event: LifecycleRec): void {
  const { books } = state;
  const book = event.book;
  const kind = closeKindCode(event.type);
  books.lastCloseKind[book] = kind;
  let remaining = event.quantity;
  for (const direction of directionsFor(event)) {
    if (remaining === 0) break;
    remaining -= closeLots(state, book * 2 + direction, {
      kind,
      fill: -1,
      event: event.index,
      dayNumber: event.dayNumber,
      day: event.day,
      quantity: remaining,
      gross: 0,
      fees: 0,
    });
  }
  if (remaining > 0) {
    state.issues.push({
      code: "event-without-position",
      message: `${event.type} of ${formatQuantity(event.quantity)} on ${event.day} found only ${formatQuantity(event.quantity - remaining)} open (the opening trade is probably older than the data)`,
      accountId: item(books.accountId, book),
      contractKey: (books.contract[book] as ContractRec).key,
      eventId: event.id,
      quantity: formatQuantity(remaining),
    });
  }
  if (event.type !== "expiration") state.stockFlows.push(stockFlowOf(state, event));
}

/** Closes whatever is still open at zero on the expiration date, flagged as inferred, never silently. */
export function inferExpiry(state: LifecycleState, book: number): void {
  const { books } = state;
  const contract = books.contract[book] as ContractRec;
  books.expiryApplied[book] = 1;
  let closed = 0;
  for (const direction of [SHORT, LONG]) {
    const queue = book * 2 + direction;
    closed += closeLots(state, queue, {
      kind: EXPIRATION_INFERRED,
      fill: -1,
      event: -1,
      dayNumber: contract.expirationDay,
      day: contract.expiration,
      quantity: f64(books.queueOpen, queue),
      gross: 0,
      fees: 0,
    });
  }
  if (closed > 0) {
    state.issues.push({
      code: "expired-inferred",
      message: `${formatQuantity(closed)} contract(s) past expiration ${contract.expiration} with no expiration, assignment or exercise: closed at 0 as expired (inferred)`,
      accountId: item(books.accountId, book),
      contractKey: contract.key,
      quantity: formatQuantity(closed),
    });
  }
}

const SHORT_ONLY = [SHORT];
const LONG_ONLY = [LONG];
const EITHER = [SHORT, LONG];

function directionsFor(event: LifecycleRec): readonly number[] {
  // Only a short can be assigned and only a long exercised; an expiration closes the side the
  // source names, or whichever side is open (a Robinhood account cannot hold both).
  if (event.type === "assignment") return SHORT_ONLY;
  if (event.type === "exercise") return LONG_ONLY;
  if (event.direction === "long") return LONG_ONLY;
  if (event.direction === "short") return SHORT_ONLY;
  return EITHER;
}

function stockFlowOf(state: LifecycleState, event: LifecycleRec): StockFlow {
  const contract = state.books.contract[event.book] as ContractRec;
  // A call assigned sells stock, a put assigned buys it; exercising does the opposite.
  const call = contract.optionType === "call";
  const buy = event.type === "exercise" ? call : !call;
  const shares = mul(event.quantity, contract.multiplier);
  return {
    kind: event.type === "exercise" ? "exercise" : "assignment",
    id: event.id,
    accountId: event.accountId,
    underlying: contract.underlying,
    buy,
    shares,
    price: contract.strike,
    gross: mul(shares, contract.strike),
    fees: event.stockFees,
    day: event.day,
    dayNumber: event.dayNumber,
    phase: DELIVERY_PHASE,
    time: 0,
    realized: 0,
    positionAfter: 0,
    longCostAfter: 0,
  };
}
