import { stableHash } from "../hash";
import type { Episode, Exec } from "../internal-types";
import type { Roll } from "../result-types";
import { formatRoll } from "./format-roll";
import { pairRollFills } from "./pairing";

/**
 * Roll detection. A roll closes a position and opens another on the same underlying, call/put and
 * direction (short stays short, long stays long) at a different expiry and/or strike, either in one
 * order (a closing and an opening leg) or in separate orders on one trading day.
 *
 * Fills are grouped by (account, underlying, call/put, direction, trading day); the direction of a
 * close is that of the position it closes, so a buy-to-close of a short call groups with a
 * sell-to-open of a call. Groups with no close or no open cannot hold a roll — which is why a
 * spread opened (or closed) together never becomes one: its legs are all opens (or all closes), and
 * its short and long legs fall in different groups anyway. Inside a group, legs of one order pair
 * first (one-order rolls); the remaining fills of the day then pair regardless of order, which is
 * all a source without order ids (the activity report) can do.
 */

/** A detected roll: its output row and the episodes it links. */
export interface RollRec {
  roll: Roll;
  episodes: Episode[];
}

interface Group {
  closes: Exec[];
  opens: Exec[];
}

/** Rolls among `executions`, which must be in replay order (time order, so each day is one run). */
export function detectRolls(executions: readonly Exec[]): RollRec[] {
  const rolls: RollRec[] = [];
  let start = 0;
  while (start < executions.length) {
    const day = (executions[start] as Exec).dayNumber;
    let end = start + 1;
    while (end < executions.length && (executions[end] as Exec).dayNumber === day) end++;
    pairDay(executions, start, end, rolls);
    start = end;
  }
  return rolls.sort((a, b) => compareRolls(a.roll, b.roll));
}

function compareRolls(a: Roll, b: Roll): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function pairDay(executions: readonly Exec[], start: number, end: number, rolls: RollRec[]): void {
  // First note which classes saw a close (1) and an open (2) today; only classes that saw both can
  // hold a roll, so only their fills are gathered. Most days have no roll in most classes.
  const seen = new Map<number, number>();
  for (let index = start; index < end; index++) {
    const exec = executions[index] as Exec;
    const key = classKey(exec);
    if (key >= 0) seen.set(key, (seen.get(key) ?? 0) | (exec.open ? 2 : 1));
  }
  const groups = new Map<number, Group>();
  for (let index = start; index < end; index++) {
    const exec = executions[index] as Exec;
    const key = classKey(exec);
    if (key < 0 || seen.get(key) !== 3) continue;
    let group = groups.get(key);
    if (!group) {
      group = { closes: [], opens: [] };
      groups.set(key, group);
    }
    (exec.open ? group.opens : group.closes).push(exec);
  }
  for (const group of groups.values()) pairGroup(group, rolls);
}

/** The roll class (account, underlying, call/put, direction), or −1 for a close that closed nothing. */
function classKey(exec: Exec): number {
  if (!exec.open && exec.matchedQuantity === 0) return -1;
  // A buy opens long and closes short; a sell opens short and closes long.
  return exec.open === exec.buy ? exec.book.longClass : exec.book.shortClass;
}

interface OrderGroup extends Group {
  orderId: string;
}

function pairGroup(group: Group, rolls: RollRec[]): void {
  // Groups are small (one underlying, side and day), so a list beats a map here.
  const orders: OrderGroup[] = [];
  for (const list of [group.closes, group.opens]) {
    for (const exec of list) {
      if (exec.orderId === null) continue;
      let order = orders.find((candidate) => candidate.orderId === exec.orderId);
      if (!order) {
        order = { orderId: exec.orderId, closes: [], opens: [] };
        orders.push(order);
      }
      (exec.open ? order.opens : order.closes).push(exec);
    }
  }
  const isRollOrder = (order: Group | undefined) =>
    order !== undefined && order.closes.length > 0 && order.opens.length > 0;
  const pool: Group = { closes: [], opens: [] };
  for (const list of [group.closes, group.opens]) {
    for (const exec of list) {
      const order = exec.orderId === null ? undefined : orders.find((item) => item.orderId === exec.orderId);
      if (!isRollOrder(order)) (exec.open ? pool.opens : pool.closes).push(exec);
    }
  }
  for (const order of orders) if (isRollOrder(order)) addRolls(order, true, rolls);
  if (pool.closes.length > 0 && pool.opens.length > 0) addRolls(pool, false, rolls);
}

function addRolls(group: Group, oneOrder: boolean, rolls: RollRec[]): void {
  for (const pair of pairRollFills(group.closes, group.opens)) {
    const first = pair.from.execs[0] as Exec;
    const episodes: Episode[] = [];
    for (const list of [pair.from.execs, pair.to.execs]) {
      for (const exec of list) {
        if (exec.episode !== null && !episodes.includes(exec.episode)) episodes.push(exec.episode);
      }
    }
    // A close and an open fill pair at most once, so their ids identify the roll.
    const id = `rl_${stableHash([first.accountId, first.id, (pair.to.execs[0] as Exec).id])}`;
    rolls.push({ roll: formatRoll({ id, day: first.day, pair, oneOrder }), episodes });
  }
}
