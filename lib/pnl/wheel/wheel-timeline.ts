import { type Micro, mul3Rounded, negate } from "@/lib/money";
import { f64, i32, item, u8 } from "../cells";
import type { StockAdjustment } from "../corporate-actions/adjust-stock";
import type { AdjustmentRec } from "../corporate-actions/apply-actions";
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
import { anchorShape } from "../shape-anchors";
import { createWorkTables } from "../tables";
import {
  EVENT_STEP,
  EXPIRY_STEP,
  FILL_STEP,
  FLOW_STEP,
  OPENS_SHORT_PUT,
  OPTION_IN_STEP,
  OPTION_OUT_STEP,
  STOCK_ADJUSTMENT_STEP,
  WheelSteps,
  WRITES_OPTION,
} from "./wheel-steps";

/** Corporate actions apply at the start of their date, before its trades. */
const ACTION_PHASE = -1;

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

/**
 * The wheel's view of one (account, underlying): every option fill, every closed option lot and
 * every stock flow, as rows of `steps` in time order (the order of the replay: trading date, then
 * fills and trades by instant, then the day's events and deliveries).
 */
export interface WheelTimeline {
  accountId: string;
  underlying: string;
  order: number[];
}

export interface WheelTimelines {
  steps: WheelSteps;
  timelines: WheelTimeline[];
}

/**
 * Steps by (account, underlying), each list in time order; only pairs that write an option at some
 * step. Any other pair holds no cycle that is listed (a cycle is listed only if an option was written
 * in it), so its steps are never made.
 */
export function buildWheelTimelines(source: WheelTimelineSource): WheelTimelines {
  const { fills, matches, stockFlows, stockAdjustments, optionAdjustments } = source;
  const builder = newBuilder(
    source,
    fills.count + matches.count + stockFlows.length + stockAdjustments.length + 2 * optionAdjustments.length,
  );
  const { pairs } = builder;
  // One function per source, called in this order (the order steps at one instant keep): a loop
  // that never runs in a history (no corporate actions) then cannot throw the others' optimized code
  // away when it is reached without type feedback.
  addFills(builder);
  addMatches(builder);
  addStockFlows(builder);
  addStockAdjustments(builder);
  addOptionAdjustments(builder);
  const { steps, orders } = builder;
  const compare = (a: number, b: number) => steps.compare(a, b);
  const timelines: WheelTimeline[] = [];
  orders.forEach((order, timeline) => {
    order.sort(compare);
    timelines.push({ ...pairs.pair(timeline), order });
  });
  return { steps, timelines };
}

interface Builder {
  source: WheelTimelineSource;
  pairs: PairIndex;
  /** Pairs that write an option at some step (true); only theirs get steps. */
  wheels: boolean[];
  steps: WheelSteps;
  /** Steps of each pair, in the order added. */
  orders: number[][];
}

function newBuilder(source: WheelTimelineSource, capacity: number): Builder {
  const pairs = new PairIndex(source.books);
  return {
    source,
    pairs,
    wheels: markWheels(source, pairs),
    steps: new WheelSteps(capacity, source),
    orders: [],
  };
}

function push(builder: Builder, timeline: number, step: number): void {
  const order = builder.orders[timeline];
  if (order === undefined) builder.orders[timeline] = [step];
  else order.push(step);
}

function addFills(builder: Builder): void {
  const { pairs, wheels, steps, source } = builder;
  const { fills, books } = source;
  for (let fill = 0; fill < fills.count; fill++) {
    const book = i32(fills.book, fill);
    const timeline = pairs.ofBook(book);
    if (wheels[timeline] !== true) continue;
    const contract = item(books.contract, book);
    const flags = u8(fills.flags, fill);
    const opensShort = (flags & OPEN) !== 0 && (flags & BUY) === 0;
    const quantity = f64(fills.quantity, fill);
    const step = steps.add(FILL_STEP, fill, i32(fills.day, fill), TRADE_PHASE, f64(fills.time, fill));
    steps.optionCash[step] = f64(fills.cash, fill);
    if (opensShort && contract.optionType === "put") {
      steps.shortPuts[step] = quantity;
      steps.putCapital[step] = putValue(contract, quantity);
      steps.flags[step] = WRITES_OPTION | OPENS_SHORT_PUT;
    } else if (opensShort) {
      steps.shortCalls[step] = quantity;
      steps.flags[step] = WRITES_OPTION;
    }
    push(builder, timeline, step);
  }
}

function addMatches(builder: Builder): void {
  const { source, pairs, wheels, steps } = builder;
  const { fills, books, matches, events } = source;
  for (let match = 0; match < matches.count; match++) {
    const lot = i32(matches.lot, match);
    // A lot moved by a rename closes under the new symbol, where the moved short put now counts.
    const book = source.bookOfMatch === null ? i32(fills.book, lot) : source.bookOfMatch(match);
    const timeline = pairs.ofBook(book);
    if (wheels[timeline] !== true) continue;
    const contract = item(books.contract, book);
    const closerFill = i32(matches.closerFill, match);
    const closerEvent = i32(matches.closerEvent, match);
    let step: number;
    if (closerFill >= 0) {
      step = steps.add(
        FILL_STEP,
        closerFill,
        i32(fills.day, closerFill),
        TRADE_PHASE,
        f64(fills.time, closerFill),
      );
    } else if (closerEvent >= 0) {
      step = steps.add(EVENT_STEP, closerEvent, item(events, closerEvent).dayNumber, DELIVERY_PHASE, 0);
    } else {
      step = steps.add(EXPIRY_STEP, book, contract.expirationDay, DELIVERY_PHASE, 0);
    }
    steps.optionRealized[step] = f64(matches.realized, match);
    const quantity = f64(matches.quantity, match);
    if ((u8(fills.flags, lot) & BUY) === 0) {
      const assigned = matches.kind[match] === ASSIGNMENT ? quantity : 0;
      if (contract.optionType === "put") {
        steps.shortPuts[step] = negate(quantity);
        steps.putCapital[step] = negate(putValue(contract, quantity));
        steps.putsAssigned[step] = assigned;
      } else {
        steps.shortCalls[step] = negate(quantity);
        steps.callsAssigned[step] = assigned;
      }
    }
    push(builder, timeline, step);
  }
}

function addStockFlows(builder: Builder): void {
  const { pairs, wheels, steps, source } = builder;
  const { stockFlows } = source;
  for (let index = 0; index < stockFlows.length; index++) {
    const flow = item(stockFlows, index);
    const timeline = pairs.of(flow.accountId, flow.underlying);
    if (wheels[timeline] !== true) continue;
    const step = steps.add(FLOW_STEP, index, flow.dayNumber, flow.phase, flow.time);
    steps.setStock(step, flow.buy, flow.positionAfter, flow.longCostAfter, flow.realized);
    push(builder, timeline, step);
  }
}

function addStockAdjustments(builder: Builder): void {
  const { pairs, wheels, steps, source } = builder;
  const { stockAdjustments } = source;
  for (let index = 0; index < stockAdjustments.length; index++) {
    const adjustment = item(stockAdjustments, index);
    const timeline = pairs.of(adjustment.accountId, adjustment.underlying);
    if (wheels[timeline] !== true) continue;
    const step = steps.add(STOCK_ADJUSTMENT_STEP, index, adjustment.dayNumber, ACTION_PHASE, 0);
    // Shares arriving under a new name carry a wheel on there (the old symbol's cycle ends).
    const { positionAfter } = adjustment;
    steps.setStock(step, positionAfter > 0, positionAfter, adjustment.longCostAfter, 0);
    push(builder, timeline, step);
  }
}

// A moved short option leaves the old contract's count and joins the adjusted one's, so later
// closes under the adjusted contract meet it (a split moves it within the same underlying).
function addOptionAdjustments(builder: Builder): void {
  const { pairs, wheels, steps, source } = builder;
  const { optionAdjustments } = source;
  for (let index = 0; index < optionAdjustments.length; index++) {
    const adjustment = item(optionAdjustments, index);
    if (!adjustment.short) continue;
    const { action, from, to } = adjustment;
    const fromTimeline = pairs.of(action.accountId, from.underlying);
    if (wheels[fromTimeline] === true) {
      const out = steps.add(OPTION_OUT_STEP, index, action.dayNumber, ACTION_PHASE, 0);
      if (from.optionType === "put") {
        steps.shortPuts[out] = negate(adjustment.quantityBefore);
        steps.putCapital[out] = negate(putValue(from, adjustment.quantityBefore));
      } else {
        steps.shortCalls[out] = negate(adjustment.quantityBefore);
      }
      push(builder, fromTimeline, out);
    }
    const toTimeline = pairs.of(action.accountId, to.underlying);
    const into = steps.add(OPTION_IN_STEP, index, action.dayNumber, ACTION_PHASE, 0);
    if (from.optionType === "put") {
      steps.shortPuts[into] = adjustment.quantityAfter;
      steps.putCapital[into] = putValue(to, adjustment.quantityAfter);
      steps.flags[into] = WRITES_OPTION | OPENS_SHORT_PUT;
    } else {
      steps.shortCalls[into] = adjustment.quantityAfter;
      steps.flags[into] = WRITES_OPTION;
    }
    push(builder, toTimeline, into);
  }
}

/** Which pairs write an option at some step: a fill that opens a short, or a short moved into them. */
function markWheels(source: WheelTimelineSource, pairs: PairIndex): boolean[] {
  const wheels: boolean[] = [];
  markWritingFills(source.fills, pairs, wheels);
  for (const adjustment of source.optionAdjustments) {
    if (adjustment.short) wheels[pairs.of(adjustment.action.accountId, adjustment.to.underlying)] = true;
  }
  return wheels;
}

function markWritingFills(fills: FillTable, pairs: PairIndex, wheels: boolean[]): void {
  for (let fill = 0; fill < fills.count; fill++) {
    const flags = u8(fills.flags, fill);
    if ((flags & OPEN) !== 0 && (flags & BUY) === 0) wheels[pairs.ofBook(i32(fills.book, fill))] = true;
  }
}

/** Numbers each (account, underlying) met; a book's pair is looked up once. */
class PairIndex {
  private readonly numbers = new Map<string, number>();
  private readonly pairs: { accountId: string; underlying: string }[] = [];
  private readonly byBook: Int32Array;

  constructor(private readonly books: BookTable) {
    this.byBook = new Int32Array(books.count).fill(-1);
  }

  ofBook(book: number): number {
    const known = i32(this.byBook, book);
    if (known >= 0) return known;
    const pair = this.of(item(this.books.accountId, book), item(this.books.contract, book).underlying);
    this.byBook[book] = pair;
    return pair;
  }

  of(accountId: string, underlying: string): number {
    const key = `${accountId}\u0000${underlying}`;
    let pair = this.numbers.get(key);
    if (pair === undefined) {
      pair = this.pairs.length;
      this.pairs.push({ accountId, underlying });
      this.numbers.set(key, pair);
    }
    return pair;
  }

  pair(pair: number): { accountId: string; underlying: string } {
    return item(this.pairs, pair);
  }
}

/** Strike × multiplier × contracts: the cash a short put secures. */
function putValue(contract: ContractRec, quantity: Micro): Micro {
  return mul3Rounded(contract.strike, contract.multiplier, quantity, MARKET_VALUE_ROUNDING);
}

// See shape-anchors.ts: the builder, its pair index and its step columns are made once per read of
// the wheel cycles, and nothing of them outlives it.
const sampleTables = createWorkTables(0, 0);
const sampleBuilder = newBuilder(
  {
    fills: sampleTables.fills,
    books: sampleTables.books,
    matches: sampleTables.matches,
    events: [],
    stockFlows: [],
    stockAdjustments: [],
    optionAdjustments: [],
    bookOfMatch: null,
  },
  0,
);
sampleBuilder.pairs.of("SAMPLE", "SAMPLE");
anchorShape(sampleBuilder);
