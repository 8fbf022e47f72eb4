import { add, type Micro } from "@/lib/money";
import { stableHash } from "../hash";
import type { Book, Episode, Exec } from "../internal-types";
import { classifyRoll, type RollClass } from "./classify";
import { pairRollFills, type RollPair } from "./pairing";

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

export interface RollRec {
  id: string;
  accountId: string;
  day: string;
  pair: RollPair;
  netCash: Micro;
  classification: RollClass;
  oneOrder: boolean;
  episodes: Episode[];
}

interface Group {
  closes: Exec[];
  opens: Exec[];
}

// Day numbers stay below 100,000 until the year 2243, so class × 100,000 + day is a unique key.
const DAY_SPAN = 100_000;

export function detectRolls(books: readonly Book[]): RollRec[] {
  const groups = new Map<number, Group>();
  for (const book of books) {
    for (const exec of book.executions) {
      if (!exec.open && exec.matchedQuantity === 0) continue;
      // A buy opens long and closes short; a sell opens short and closes long.
      const long = exec.open === exec.buy;
      const key = (long ? book.longClass : book.shortClass) * DAY_SPAN + exec.dayNumber;
      let group = groups.get(key);
      if (!group) {
        group = { closes: [], opens: [] };
        groups.set(key, group);
      }
      (exec.open ? group.opens : group.closes).push(exec);
    }
  }
  const rolls: RollRec[] = [];
  for (const group of groups.values()) {
    if (group.closes.length === 0 || group.opens.length === 0) continue;
    pairGroup(group, rolls);
  }
  return rolls.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : 1));
}

function pairGroup(group: Group, rolls: RollRec[]): void {
  const orders = new Map<string, Group>();
  const pool: Group = { closes: [], opens: [] };
  for (const exec of [...group.closes, ...group.opens]) {
    if (exec.orderId === null) continue;
    let order = orders.get(exec.orderId);
    if (!order) {
      order = { closes: [], opens: [] };
      orders.set(exec.orderId, order);
    }
    (exec.open ? order.opens : order.closes).push(exec);
  }
  for (const exec of [...group.closes, ...group.opens]) {
    const order = exec.orderId === null ? undefined : orders.get(exec.orderId);
    if (order && order.closes.length > 0 && order.opens.length > 0) continue;
    (exec.open ? pool.opens : pool.closes).push(exec);
  }
  for (const order of orders.values()) {
    if (order.closes.length > 0 && order.opens.length > 0) addRolls(order, true, rolls);
  }
  if (pool.closes.length > 0 && pool.opens.length > 0) addRolls(pool, false, rolls);
}

function addRolls(group: Group, oneOrder: boolean, rolls: RollRec[]): void {
  for (const pair of pairRollFills(group.closes, group.opens)) {
    const first = pair.from.execs[0] as Exec;
    const netCash = add(pair.closeCash, pair.openCash);
    const episodes: Episode[] = [];
    for (const exec of [...pair.from.execs, ...pair.to.execs]) {
      if (exec.episode !== null && !episodes.includes(exec.episode)) episodes.push(exec.episode);
    }
    const idSource = [
      first.accountId,
      first.day,
      pair.from.contract.key,
      pair.to.contract.key,
      first.id,
      (pair.to.execs[0] as Exec).id,
    ].join("\u0000");
    rolls.push({
      id: `rl_${stableHash(idSource)}`,
      accountId: first.accountId,
      day: first.day,
      pair,
      netCash,
      classification: classifyRoll(pair.from.contract, pair.to.contract, netCash),
      oneOrder,
      episodes,
    });
  }
}
