import { type Micro, mul3Rounded, negate } from "@/lib/money";
import { f64, i32, item, u8 } from "../cells";
import type { StockAdjustment } from "../corporate-actions/adjust-stock";
import {
  BUY,
  type ContractRec,
  closeKindCode,
  DELIVERY_PHASE,
  type LifecycleRec,
  OPEN,
  type StockFlow,
  TRADE_PHASE,
} from "../internal-types";
import { MARKET_VALUE_ROUNDING } from "../marks";
import { anchorShape } from "../shape-anchors";
import { createWorkTables } from "../tables";
import { type WheelPairSource, WheelPairs } from "./wheel-pairs";
import {
  EVENT_STEP,
  EXPIRY_STEP,
  FILL_STEP,
  FLOW_STEP,
  OPENS_SHORT_PUT,
  OPTION_IN_STEP,
  OPTION_OUT_STEP,
  PUT,
  STOCK_ADJUSTMENT_STEP,
  WheelSteps,
  WRITES_OPTION,
} from "./wheel-steps";

/** Corporate actions apply at the start of their date, before its trades. */
const ACTION_PHASE = -1;

export interface WheelTimelineSource extends WheelPairSource {
  events: readonly LifecycleRec[];
  stockFlows: readonly StockFlow[];
  /** Positions a rename or split left in the stock ledger. */
  stockAdjustments: readonly StockAdjustment[];
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
 *
 * Each pair's steps are one contiguous range of the step columns, counted first and then filled:
 * the sort and the walk of a pair read its range only. Added in one sequence across pairs, a pair's
 * steps lay spread over every column, and at a million fills each comparison and each step walked
 * missed the cache, so the wheel's time grew faster than its steps (docs/pnl-engine.md).
 */
export function buildWheelTimelines(source: WheelTimelineSource): WheelTimelines {
  const builder = newBuilder(source);
  // One function per source, called in this order (the order steps at one instant keep): a loop
  // that never runs in a history (no corporate actions) then cannot throw the others' optimized code
  // away when it is reached without type feedback.
  addFills(builder);
  addMatches(builder);
  addStockFlows(builder);
  addStockAdjustments(builder);
  addOptionAdjustments(builder);
  const { steps, ranges, pairs } = builder;
  const compare = (a: number, b: number) => steps.compare(a, b);
  const timelines: WheelTimeline[] = [];
  for (let timeline = 0; timeline < ranges.size.length; timeline++) {
    const size = i32(ranges.size, timeline);
    if (size === 0) continue;
    const first = i32(ranges.start, timeline);
    const order: number[] = new Array(size);
    for (let index = 0; index < size; index++) order[index] = first + index;
    order.sort(compare);
    timelines.push({ ...pairs.pair(timeline), order });
  }
  return { steps, timelines };
}

interface Builder {
  source: WheelTimelineSource;
  pairs: WheelPairs;
  ranges: StepRanges;
  steps: WheelSteps;
}

/** Each pair's range of step rows: its first row, its size, and the next row to fill. */
interface StepRanges {
  start: Int32Array;
  size: Int32Array;
  next: Int32Array;
}

function newBuilder(source: WheelTimelineSource): Builder {
  const pairs = new WheelPairs(source);
  const ranges = countSteps(source, pairs);
  const total = ranges.size.reduce((sum, size) => sum + size, 0);
  return { source, pairs, ranges, steps: new WheelSteps(total, source) };
}

/** The next row of a pair's range. */
function place(builder: Builder, timeline: number): number {
  const { next } = builder.ranges;
  const row = i32(next, timeline);
  next[timeline] = row + 1;
  return row;
}

/**
 * How many steps each pair gets, by the same rules the `add…` functions below follow, and where
 * its range starts. Every pair that gets a step is a wheel, so it is numbered by now.
 */
function countSteps(source: WheelTimelineSource, pairs: WheelPairs): StepRanges {
  const size = new Int32Array(pairs.wheels.length);
  const count = (timeline: number) => {
    if (timeline >= 0) size[timeline] = i32(size, timeline) + 1;
  };
  const { fills, matches, stockFlows, stockAdjustments, optionAdjustments } = source;
  for (let fill = 0; fill < fills.count; fill++) count(pairs.fillWheel(fill));
  for (let match = 0; match < matches.count; match++) count(pairs.matchWheel(match));
  for (const flow of stockFlows) count(pairs.wheelOf(flow.accountId, flow.underlying));
  for (const adjustment of stockAdjustments)
    count(pairs.wheelOf(adjustment.accountId, adjustment.underlying));
  for (const adjustment of optionAdjustments) {
    if (!adjustment.short) continue;
    count(pairs.wheelOf(adjustment.action.accountId, adjustment.from.underlying));
    count(pairs.wheelOf(adjustment.action.accountId, adjustment.to.underlying));
  }
  const start = new Int32Array(size.length);
  for (let timeline = 1; timeline < size.length; timeline++) {
    start[timeline] = i32(start, timeline - 1) + i32(size, timeline - 1);
  }
  return { start, size, next: start.slice() };
}

function addFills(builder: Builder): void {
  const { pairs, steps, source } = builder;
  const { fills, books } = source;
  for (let fill = 0; fill < fills.count; fill++) {
    const timeline = pairs.fillWheel(fill);
    if (timeline < 0) continue;
    const contract = item(books.contract, i32(fills.book, fill));
    const flags = u8(fills.flags, fill);
    const opensShort = (flags & OPEN) !== 0 && (flags & BUY) === 0;
    const quantity = f64(fills.quantity, fill);
    const step = steps.set(
      place(builder, timeline),
      FILL_STEP,
      fill,
      i32(fills.day, fill),
      TRADE_PHASE,
      f64(fills.time, fill),
    );
    steps.optionCash[step] = f64(fills.cash, fill);
    if (opensShort && contract.optionType === "put") {
      steps.shortChange[step] = quantity;
      steps.putCapital[step] = putValue(contract, quantity);
      steps.flags[step] = WRITES_OPTION | OPENS_SHORT_PUT | PUT;
    } else if (opensShort) {
      steps.shortChange[step] = quantity;
      steps.flags[step] = WRITES_OPTION;
    }
  }
}

function addMatches(builder: Builder): void {
  const { source, pairs, steps } = builder;
  const { fills, books, matches, events } = source;
  for (let match = 0; match < matches.count; match++) {
    const timeline = pairs.matchWheel(match);
    if (timeline < 0) continue;
    const lot = i32(matches.lot, match);
    const book = pairs.bookOfMatch(match);
    const contract = item(books.contract, book);
    const closerFill = i32(matches.closerFill, match);
    const closerEvent = i32(matches.closerEvent, match);
    const row = place(builder, timeline);
    let step: number;
    if (closerFill >= 0) {
      step = steps.set(
        row,
        FILL_STEP,
        closerFill,
        i32(fills.day, closerFill),
        TRADE_PHASE,
        f64(fills.time, closerFill),
      );
    } else if (closerEvent >= 0) {
      step = steps.set(row, EVENT_STEP, closerEvent, item(events, closerEvent).dayNumber, DELIVERY_PHASE, 0);
    } else {
      step = steps.set(row, EXPIRY_STEP, book, contract.expirationDay, DELIVERY_PHASE, 0);
    }
    steps.optionRealized[step] = f64(matches.realized, match);
    const quantity = f64(matches.quantity, match);
    if ((u8(fills.flags, lot) & BUY) === 0) {
      const assigned = matches.kind[match] === ASSIGNMENT ? quantity : 0;
      steps.shortChange[step] = negate(quantity);
      steps.assigned[step] = assigned;
      if (contract.optionType === "put") {
        steps.putCapital[step] = negate(putValue(contract, quantity));
        steps.flags[step] = PUT;
      }
    }
  }
}

function addStockFlows(builder: Builder): void {
  const { pairs, steps, source } = builder;
  const { stockFlows } = source;
  for (let index = 0; index < stockFlows.length; index++) {
    const flow = item(stockFlows, index);
    const timeline = pairs.wheelOf(flow.accountId, flow.underlying);
    if (timeline < 0) continue;
    const step = steps.set(place(builder, timeline), FLOW_STEP, index, flow.dayNumber, flow.phase, flow.time);
    steps.setStock(step, flow.buy);
  }
}

function addStockAdjustments(builder: Builder): void {
  const { pairs, steps, source } = builder;
  const { stockAdjustments } = source;
  for (let index = 0; index < stockAdjustments.length; index++) {
    const adjustment = item(stockAdjustments, index);
    const timeline = pairs.wheelOf(adjustment.accountId, adjustment.underlying);
    if (timeline < 0) continue;
    const row = place(builder, timeline);
    const step = steps.set(row, STOCK_ADJUSTMENT_STEP, index, adjustment.dayNumber, ACTION_PHASE, 0);
    // Shares arriving under a new name carry a wheel on there (the old symbol's cycle ends).
    steps.setStock(step, adjustment.positionAfter > 0);
  }
}

// A moved short option leaves the old contract's count and joins the adjusted one's, so later
// closes under the adjusted contract meet it (a split moves it within the same underlying).
function addOptionAdjustments(builder: Builder): void {
  const { pairs, steps, source } = builder;
  const { optionAdjustments } = source;
  for (let index = 0; index < optionAdjustments.length; index++) {
    const adjustment = item(optionAdjustments, index);
    if (!adjustment.short) continue;
    const { action, from, to } = adjustment;
    const fromTimeline = pairs.wheelOf(action.accountId, from.underlying);
    if (fromTimeline >= 0) {
      const out = steps.set(
        place(builder, fromTimeline),
        OPTION_OUT_STEP,
        index,
        action.dayNumber,
        ACTION_PHASE,
        0,
      );
      steps.shortChange[out] = negate(adjustment.quantityBefore);
      if (from.optionType === "put") {
        steps.putCapital[out] = negate(putValue(from, adjustment.quantityBefore));
        steps.flags[out] = PUT;
      }
    }
    // A short moved in makes its pair a wheel (`WheelPairs`).
    const toTimeline = pairs.wheelOf(action.accountId, to.underlying);
    const into = steps.set(
      place(builder, toTimeline),
      OPTION_IN_STEP,
      index,
      action.dayNumber,
      ACTION_PHASE,
      0,
    );
    steps.shortChange[into] = adjustment.quantityAfter;
    if (from.optionType === "put") {
      steps.putCapital[into] = putValue(to, adjustment.quantityAfter);
      steps.flags[into] = WRITES_OPTION | OPENS_SHORT_PUT | PUT;
    } else {
      steps.flags[into] = WRITES_OPTION;
    }
  }
}

/** Strike × multiplier × contracts: the cash a short put secures. */
function putValue(contract: ContractRec, quantity: Micro): Micro {
  return mul3Rounded(contract.strike, contract.multiplier, quantity, MARKET_VALUE_ROUNDING);
}

// See shape-anchors.ts: the builder, its pair index and its step columns are made once per read of
// the wheel cycles, and nothing of them outlives it.
const sampleTables = createWorkTables(0, 0);
const sampleBuilder = newBuilder({
  fills: sampleTables.fills,
  books: sampleTables.books,
  matches: sampleTables.matches,
  events: [],
  stockFlows: [],
  stockAdjustments: [],
  optionAdjustments: [],
  bookOfMatch: null,
});
sampleBuilder.pairs.of("SAMPLE", "SAMPLE");
anchorShape(sampleBuilder);
