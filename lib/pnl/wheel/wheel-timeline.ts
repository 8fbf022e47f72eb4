import { type Micro, mul3Rounded, negate } from "@/lib/money";
import { f64, i32, item, u8 } from "../cells";
import type { StockAdjustment } from "../corporate-actions/adjust-stock";
import type { AdjustmentRec } from "../corporate-actions/apply-actions";
import { fillDate, fillId } from "../fill-fields";
import {
  type BookTable,
  BUY,
  type ContractRec,
  closeKindCode,
  DELIVERY_PHASE,
  type FillTable,
  type LifecycleRec,
  type MatchTable,
  OPEN,
  type StockFlow,
  TRADE_PHASE,
} from "../internal-types";
import { MARKET_VALUE_ROUNDING } from "../marks";

/** What the wheel reads of a change in shares: a stock flow, or a rename or split of the lots. */
export type StockChange = Pick<StockFlow, "buy" | "positionAfter" | "longCostAfter" | "realized">;

/** Corporate actions apply at the start of their date, before its trades. */
const ACTION_PHASE = -1;

/**
 * The wheel's view of one (account, underlying): every option fill, every closed option lot and
 * every stock flow as one list of steps in time order (the order of the replay: trading date, then
 * fills and trades by instant, then the day's events and deliveries).
 */
export interface WheelStep {
  dayNumber: number;
  day: string;
  phase: number;
  time: number;
  id: string;
  /** Option cash of a fill, fees included (sell +, buy −). */
  optionCash: Micro;
  optionRealized: Micro;
  /** Change in short put and short call contracts open, and in the put strike value they secure. */
  shortPuts: Micro;
  shortCalls: Micro;
  putCapital: Micro;
  putsAssigned: Micro;
  callsAssigned: Micro;
  /** True for a step that opens a short put: a cycle may start here. */
  opensShortPut: boolean;
  /** True for a step that writes an option (a short put or call): it makes a cycle a wheel. */
  writesOption: boolean;
  stock: StockChange | null;
}

export interface WheelTimelineSource {
  fills: FillTable;
  books: BookTable;
  matches: MatchTable;
  events: readonly LifecycleRec[];
  stockFlows: readonly StockFlow[];
  /** Positions a rename or split left in the stock ledger. */
  stockAdjustments: readonly StockAdjustment[];
  /** Option positions a rename or split moved into adjusted contracts. */
  optionAdjustments: readonly AdjustmentRec[];
  /** The book a match closed in, when corporate actions may have moved its lot; else its fill's. */
  bookOfMatch: ((match: number) => number) | null;
}

const ASSIGNMENT = closeKindCode("assignment");

function wheelKey(accountId: string, underlying: string): string {
  return `${accountId}\u0000${underlying}`;
}

export interface WheelTimeline {
  accountId: string;
  underlying: string;
  steps: WheelStep[];
}

/** Steps by (account, underlying), each list in time order; only pairs with an option or stock step. */
export function buildWheelTimelines(source: WheelTimelineSource): WheelTimeline[] {
  const { fills, books, matches, events } = source;
  const timelines = new Map<string, WheelTimeline>();
  const push = (accountId: string, underlying: string, step: WheelStep) => {
    const key = wheelKey(accountId, underlying);
    const timeline = timelines.get(key);
    if (timeline) timeline.steps.push(step);
    else timelines.set(key, { accountId, underlying, steps: [step] });
  };
  // One timeline per book, found once: a key string per step would cost more than the step itself.
  const byBook: (WheelTimeline | undefined)[] = new Array(books.count);
  const pushToBook = (book: number, step: WheelStep) => {
    let timeline = byBook[book];
    if (timeline === undefined) {
      const accountId = item(books.accountId, book);
      const underlying = (books.contract[book] as ContractRec).underlying;
      const key = wheelKey(accountId, underlying);
      timeline = timelines.get(key);
      if (timeline === undefined) {
        timeline = { accountId, underlying, steps: [] };
        timelines.set(key, timeline);
      }
      byBook[book] = timeline;
    }
    timeline.steps.push(step);
  };
  for (let fill = 0; fill < fills.count; fill++) {
    const book = i32(fills.book, fill);
    const contract = books.contract[book] as ContractRec;
    const flags = u8(fills.flags, fill);
    const opensShort = (flags & OPEN) !== 0 && (flags & BUY) === 0;
    const quantity = f64(fills.quantity, fill);
    const put = contract.optionType === "put";
    const step = emptyStep(i32(fills.day, fill), fillDate(fills, fill), TRADE_PHASE);
    step.time = f64(fills.time, fill);
    step.id = fillId(fills, fill);
    step.optionCash = f64(fills.cash, fill);
    step.writesOption = opensShort;
    if (opensShort && put) {
      step.shortPuts = quantity;
      step.putCapital = putValue(contract, quantity);
      step.opensShortPut = true;
    } else if (opensShort) step.shortCalls = quantity;
    pushToBook(book, step);
  }
  for (let match = 0; match < matches.count; match++) {
    const lot = i32(matches.lot, match);
    // A lot moved by a rename closes under the new symbol, where the moved short put now counts.
    const book = source.bookOfMatch === null ? i32(fills.book, lot) : source.bookOfMatch(match);
    const contract = books.contract[book] as ContractRec;
    const closerFill = i32(matches.closerFill, match);
    const closerEvent = i32(matches.closerEvent, match);
    let step: WheelStep;
    if (closerFill >= 0) {
      step = emptyStep(i32(fills.day, closerFill), fillDate(fills, closerFill), TRADE_PHASE);
      step.time = f64(fills.time, closerFill);
      step.id = fillId(fills, closerFill);
    } else if (closerEvent >= 0) {
      const event = events[closerEvent] as LifecycleRec;
      step = emptyStep(event.dayNumber, event.day, DELIVERY_PHASE);
      step.id = event.id;
    } else {
      step = emptyStep(contract.expirationDay, contract.expiration, DELIVERY_PHASE);
      step.id = `~${contract.expiration}`;
    }
    step.optionRealized = f64(matches.realized, match);
    const quantity = f64(matches.quantity, match);
    if ((u8(fills.flags, lot) & BUY) === 0) {
      const assigned = matches.kind[match] === ASSIGNMENT ? quantity : 0;
      if (contract.optionType === "put") {
        step.shortPuts = negate(quantity);
        step.putCapital = negate(putValue(contract, quantity));
        step.putsAssigned = assigned;
      } else {
        step.shortCalls = negate(quantity);
        step.callsAssigned = assigned;
      }
    }
    pushToBook(book, step);
  }
  for (const flow of source.stockFlows) {
    const step = emptyStep(flow.dayNumber, flow.day, flow.phase);
    step.time = flow.time;
    step.id = flow.id;
    step.stock = flow;
    push(flow.accountId, flow.underlying, step);
  }
  for (const adjustment of source.stockAdjustments) {
    const step = emptyStep(adjustment.dayNumber, adjustment.day, ACTION_PHASE);
    step.id = adjustment.actionId;
    // Shares arriving under a new name carry a wheel on there (the old symbol's cycle ends).
    step.stock = {
      buy: adjustment.positionAfter > 0,
      positionAfter: adjustment.positionAfter,
      longCostAfter: adjustment.longCostAfter,
      realized: 0,
    };
    push(adjustment.accountId, adjustment.underlying, step);
  }
  // A moved short option leaves the old contract's count and joins the adjusted one's, so later
  // closes under the adjusted contract meet it (a split moves it within the same underlying).
  for (const adjustment of source.optionAdjustments) {
    if (!adjustment.short) continue;
    const { action, from, to } = adjustment;
    const out = emptyStep(action.dayNumber, action.date, ACTION_PHASE);
    const into = emptyStep(action.dayNumber, action.date, ACTION_PHASE);
    out.id = `${action.id}<`;
    into.id = `${action.id}>`;
    if (from.optionType === "put") {
      out.shortPuts = negate(adjustment.quantityBefore);
      out.putCapital = negate(putValue(from, adjustment.quantityBefore));
      into.shortPuts = adjustment.quantityAfter;
      into.putCapital = putValue(to, adjustment.quantityAfter);
      into.opensShortPut = true;
    } else {
      out.shortCalls = negate(adjustment.quantityBefore);
      into.shortCalls = adjustment.quantityAfter;
    }
    into.writesOption = true;
    const accountId = action.accountId;
    push(accountId, from.underlying, out);
    push(accountId, to.underlying, into);
  }
  for (const timeline of timelines.values()) timeline.steps.sort(compareSteps);
  return [...timelines.values()];
}

/** Strike × multiplier × contracts: the cash a short put secures. */
function putValue(contract: ContractRec, quantity: Micro): Micro {
  return mul3Rounded(contract.strike, contract.multiplier, quantity, MARKET_VALUE_ROUNDING);
}

export function sameMoment(a: WheelStep, b: WheelStep): boolean {
  return a.dayNumber === b.dayNumber && a.phase === b.phase && a.time === b.time;
}

function compareSteps(a: WheelStep, b: WheelStep): number {
  return (
    a.dayNumber - b.dayNumber ||
    a.phase - b.phase ||
    a.time - b.time ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function emptyStep(dayNumber: number, day: string, phase: number): WheelStep {
  return {
    dayNumber,
    day,
    phase,
    time: 0,
    id: "",
    optionCash: 0,
    optionRealized: 0,
    shortPuts: 0,
    shortCalls: 0,
    putCapital: 0,
    putsAssigned: 0,
    callsAssigned: 0,
    opensShortPut: false,
    writesOption: false,
    stock: null,
  };
}
