import { add, divRounded, formatDecimal, formatMoney, formatQuantity, type Micro, sub } from "@/lib/money";
import { f64, item, u8 } from "../cells";
import { dayNumber } from "../dates";
import { stableHash } from "../hash";
import type { WheelCycle } from "../result-types";
import { anchorShape } from "../shape-anchors";
import { AVERAGE_PRICE_ROUNDING } from "../valuation";
import {
  BUYS_STOCK,
  CHANGES_STOCK,
  OPENS_SHORT_PUT,
  PUT,
  type WheelSteps,
  WRITES_OPTION,
} from "./wheel-steps";
import { buildWheelTimelines, type WheelTimelineSource } from "./wheel-timeline";

/**
 * Wheel cycles (rules in docs/pnl-engine.md, "The wheel"). Per account and underlying, a cycle
 * starts at a short put opened or shares bought while no cycle runs, and closes at the end of the
 * first moment after which no shares, short puts or short calls of that underlying are held. Cash,
 * realized P&L and assignments of the steps in between belong to it. Capital is measured after each
 * moment, so a roll done at one instant (close one put, open another) is not counted twice. Only
 * cycles in which an option was written are listed: shares held without one are a plain holding,
 * shown in `stockPositions`.
 */

/** Rounding of the return on capital, a display ratio. */
export const RETURN_ROUNDING = "half-even" as const;

interface CycleSums {
  accountId: string;
  underlying: string;
  startId: string;
  startedOn: string;
  endedOn: string | null;
  premium: Micro;
  optionRealized: Micro;
  stockRealized: Micro;
  capital: Micro;
  putsAssigned: Micro;
  callsAssigned: Micro;
  hasOption: boolean;
  shares: Micro;
  cost: Micro;
}

interface Holdings {
  shortPuts: Micro;
  shortCalls: Micro;
  putCapital: Micro;
  shares: Micro;
  cost: Micro;
}

export function wheelCycles(source: WheelTimelineSource & { asOf: string }): WheelCycle[] {
  const cycles: CycleSums[] = [];
  const { steps, timelines } = buildWheelTimelines(source);
  for (const timeline of timelines) {
    cycles.push(...cyclesOf(steps, timeline.order, timeline.accountId, timeline.underlying));
  }
  const asOfDay = dayNumber(source.asOf);
  return cycles
    .filter((cycle) => cycle.hasOption)
    .sort(
      (a, b) =>
        compare(a.startedOn, b.startedOn) ||
        compare(a.underlying, b.underlying) ||
        compare(a.accountId, b.accountId),
    )
    .map((cycle) => formatCycle(cycle, asOfDay));
}

function cyclesOf(
  steps: WheelSteps,
  order: readonly number[],
  accountId: string,
  underlying: string,
): CycleSums[] {
  const cycles: CycleSums[] = [];
  const held = noHoldings();
  let cycle: CycleSums | null = null;
  let start = 0;
  while (start < order.length) {
    const first = item(order, start);
    let end = start + 1;
    while (end < order.length && steps.sameMoment(first, item(order, end))) end++;
    // A cycle starts with its whole moment: a date-only source lists the day's share purchase and
    // the call written on it at one instant, in no meaningful order.
    if (cycle === null) {
      const starter = firstStarter(steps, order, start, end);
      if (starter >= 0) {
        cycle = newCycle(accountId, underlying, steps.id(starter), steps.day(starter));
        cycles.push(cycle);
      }
    }
    for (let index = start; index < end; index++) apply(held, steps, item(order, index), cycle);
    if (cycle !== null) {
      cycle.shares = Math.max(held.shares, 0);
      cycle.cost = held.shares > 0 ? held.cost : 0;
      const capital = add(held.putCapital, cycle.cost);
      if (capital > cycle.capital) cycle.capital = capital;
      if (held.shares <= 0 && held.shortPuts <= 0 && held.shortCalls <= 0) {
        cycle.endedOn = steps.day(first);
        cycle = null;
      }
    }
    start = end;
  }
  return cycles;
}

/** The first step of the moment that opens a short put or buys shares that are then held; else -1. */
function firstStarter(steps: WheelSteps, order: readonly number[], start: number, end: number): number {
  for (let index = start; index < end; index++) {
    const step = item(order, index);
    const flags = u8(steps.flags, step);
    if ((flags & OPENS_SHORT_PUT) !== 0) return step;
    if ((flags & BUYS_STOCK) !== 0 && steps.positionAfter(step) > 0) return step;
  }
  return -1;
}

function apply(held: Holdings, steps: WheelSteps, step: number, cycle: CycleSums | null): void {
  const flags = u8(steps.flags, step);
  const put = (flags & PUT) !== 0;
  const shortChange = f64(steps.shortChange, step);
  const assigned = f64(steps.assigned, step);
  if (put) held.shortPuts = add(held.shortPuts, shortChange);
  else held.shortCalls = add(held.shortCalls, shortChange);
  held.putCapital = add(held.putCapital, f64(steps.putCapital, step));
  const changesStock = (flags & CHANGES_STOCK) !== 0;
  if (changesStock) {
    held.shares = steps.positionAfter(step);
    held.cost = steps.longCostAfter(step);
  }
  if (cycle === null) return;
  cycle.premium = add(cycle.premium, f64(steps.optionCash, step));
  cycle.optionRealized = add(cycle.optionRealized, f64(steps.optionRealized, step));
  if (put) cycle.putsAssigned = add(cycle.putsAssigned, assigned);
  else cycle.callsAssigned = add(cycle.callsAssigned, assigned);
  if (changesStock) cycle.stockRealized = add(cycle.stockRealized, steps.stockRealized(step));
  cycle.hasOption ||= (flags & WRITES_OPTION) !== 0;
}

function noHoldings(): Holdings {
  return { shortPuts: 0, shortCalls: 0, putCapital: 0, shares: 0, cost: 0 };
}

function newCycle(accountId: string, underlying: string, startId: string, startedOn: string): CycleSums {
  return {
    accountId,
    underlying,
    startId,
    startedOn,
    endedOn: null,
    premium: 0,
    optionRealized: 0,
    stockRealized: 0,
    capital: 0,
    putsAssigned: 0,
    callsAssigned: 0,
    hasOption: false,
    shares: 0,
    cost: 0,
  };
}

function formatCycle(cycle: CycleSums, asOfDay: number): WheelCycle {
  const realized = add(cycle.optionRealized, cycle.stockRealized);
  const held = cycle.shares > 0;
  const endDay = cycle.endedOn === null ? asOfDay : dayNumber(cycle.endedOn);
  return {
    id: stableHash(["wheel", cycle.accountId, cycle.underlying, cycle.startId]),
    accountId: cycle.accountId,
    underlying: cycle.underlying,
    status: cycle.endedOn === null ? "open" : "closed",
    startedOn: cycle.startedOn,
    endedOn: cycle.endedOn,
    days: endDay - dayNumber(cycle.startedOn),
    premiumCollected: formatMoney(cycle.premium),
    optionRealized: formatMoney(cycle.optionRealized),
    stockRealized: formatMoney(cycle.stockRealized),
    realized: formatMoney(realized),
    sharesHeld: formatQuantity(cycle.shares),
    costBasis: held ? formatMoney(cycle.cost) : null,
    costBasisPerShare: held ? perShare(cycle.cost, cycle.shares) : null,
    netCostBasisPerShare: held ? perShare(sub(cycle.cost, cycle.premium), cycle.shares) : null,
    capitalTiedUp: formatMoney(cycle.capital),
    returnOnCapital:
      cycle.capital > 0 ? formatDecimal(divRounded(realized, cycle.capital, RETURN_ROUNDING), 0) : null,
    putsAssigned: formatQuantity(cycle.putsAssigned),
    callsAssigned: formatQuantity(cycle.callsAssigned),
  };
}

function perShare(amount: Micro, shares: Micro): string {
  return formatDecimal(divRounded(amount, shares, AVERAGE_PRICE_ROUNDING));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// See shape-anchors.ts. The samples hold amounts beyond a small integer, as a run's do.
const LARGE_MICRO = 2 ** 40;
const sampleHeld = noHoldings();
sampleHeld.shortPuts = LARGE_MICRO;
sampleHeld.shortCalls = LARGE_MICRO;
sampleHeld.putCapital = LARGE_MICRO;
sampleHeld.shares = LARGE_MICRO;
sampleHeld.cost = LARGE_MICRO;
anchorShape(sampleHeld);
const sampleCycle = newCycle("SAMPLE", "SAMPLE", "SAMPLE", "2000-01-01");
sampleCycle.endedOn = "2000-01-01";
sampleCycle.premium = LARGE_MICRO;
sampleCycle.optionRealized = LARGE_MICRO;
sampleCycle.stockRealized = LARGE_MICRO;
sampleCycle.capital = LARGE_MICRO;
sampleCycle.putsAssigned = LARGE_MICRO;
sampleCycle.callsAssigned = LARGE_MICRO;
sampleCycle.shares = LARGE_MICRO;
sampleCycle.cost = LARGE_MICRO;
anchorShape(sampleCycle);
