import { add, divRounded, formatDecimal, formatMoney, formatQuantity, type Micro, sub } from "@/lib/money";
import { dayNumber } from "../dates";
import { stableHash } from "../hash";
import type { WheelCycle } from "../result-types";
import { AVERAGE_PRICE_ROUNDING } from "../valuation";
import { buildWheelTimelines, sameMoment, type WheelStep, type WheelTimelineSource } from "./wheel-timeline";

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
  for (const timeline of buildWheelTimelines(source)) {
    cycles.push(...cyclesOf(timeline.steps, timeline.accountId, timeline.underlying));
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

function cyclesOf(steps: readonly WheelStep[], accountId: string, underlying: string): CycleSums[] {
  const cycles: CycleSums[] = [];
  const held: Holdings = { shortPuts: 0, shortCalls: 0, putCapital: 0, shares: 0, cost: 0 };
  let cycle: CycleSums | null = null;
  let start = 0;
  while (start < steps.length) {
    let end = start;
    while (end < steps.length && sameMoment(steps[start] as WheelStep, steps[end] as WheelStep)) end++;
    // A cycle starts with its whole moment: a date-only source lists the day's share purchase and
    // the call written on it at one instant, in no meaningful order.
    if (cycle === null) {
      const starter = steps.slice(start, end).find(startsCycle);
      if (starter !== undefined) {
        cycle = newCycle(accountId, underlying, starter);
        cycles.push(cycle);
      }
    }
    for (let index = start; index < end; index++) apply(held, steps[index] as WheelStep, cycle);
    if (cycle !== null) {
      cycle.shares = Math.max(held.shares, 0);
      cycle.cost = held.shares > 0 ? held.cost : 0;
      const capital = add(held.putCapital, cycle.cost);
      if (capital > cycle.capital) cycle.capital = capital;
      if (held.shares <= 0 && held.shortPuts <= 0 && held.shortCalls <= 0) {
        cycle.endedOn = (steps[start] as WheelStep).day;
        cycle = null;
      }
    }
    start = end;
  }
  return cycles;
}

function startsCycle(step: WheelStep): boolean {
  return step.opensShortPut || (step.stock?.buy === true && step.stock.positionAfter > 0);
}

function apply(held: Holdings, step: WheelStep, cycle: CycleSums | null): void {
  held.shortPuts = add(held.shortPuts, step.shortPuts);
  held.shortCalls = add(held.shortCalls, step.shortCalls);
  held.putCapital = add(held.putCapital, step.putCapital);
  if (step.stock !== null) {
    held.shares = step.stock.positionAfter;
    held.cost = step.stock.longCostAfter;
  }
  if (cycle === null) return;
  cycle.premium = add(cycle.premium, step.optionCash);
  cycle.optionRealized = add(cycle.optionRealized, step.optionRealized);
  cycle.putsAssigned = add(cycle.putsAssigned, step.putsAssigned);
  cycle.callsAssigned = add(cycle.callsAssigned, step.callsAssigned);
  if (step.stock !== null) cycle.stockRealized = add(cycle.stockRealized, step.stock.realized);
  cycle.hasOption ||= step.writesOption;
}

function newCycle(accountId: string, underlying: string, step: WheelStep): CycleSums {
  return {
    accountId,
    underlying,
    startId: step.id,
    startedOn: step.day,
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
