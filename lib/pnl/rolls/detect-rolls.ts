import { add, type Micro } from "@/lib/money";
import { union } from "../chains/union-find";
import { BUY, type ContractRec, type EpisodeTable, type FillTable, OPEN } from "../internal-types";
import type { PnlExecution } from "../types";
import { type PairingTables, pairRollFills } from "./pairing";

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
 *
 * Each roll joins the episodes of its fills into one chain (union-find over episodes) as it is found.
 */

/** Detected rolls, one column per field; rows are in date order. */
export interface RollTable {
  count: number;
  from: ContractRec[];
  to: ContractRec[];
  day: string[];
  closeQuantity: Micro[];
  openQuantity: Micro[];
  netCash: Micro[];
  oneOrder: boolean[];
  /** Roll r's closing fills are `pool[fillStart[r] .. openStart[r])`, its opening fills run to `fillEnd[r]`. */
  fillStart: number[];
  openStart: number[];
  fillEnd: number[];
  pool: number[];
  /** An episode the roll links (its chain is that episode's), or −1 when it links none. */
  episode: number[];
}

export interface RollTables extends PairingTables {
  episodes: EpisodeTable;
  /** Fill indexes in replay order (time order, so each day is one run). */
  order: Int32Array;
}

interface Group {
  closes: number[];
  opens: number[];
}

export function detectRolls(tables: RollTables): RollTable {
  const rolls: RollTable = {
    count: 0,
    from: [],
    to: [],
    day: [],
    closeQuantity: [],
    openQuantity: [],
    netCash: [],
    oneOrder: [],
    fillStart: [],
    openStart: [],
    fillEnd: [],
    pool: [],
    episode: [],
  };
  const { fills, order } = tables;
  let start = 0;
  while (start < order.length) {
    const day = fills.day[order[start] as number];
    let end = start + 1;
    while (end < order.length && fills.day[order[end] as number] === day) end++;
    pairDay(tables, start, end, rolls);
    start = end;
  }
  return rolls;
}

function pairDay(tables: RollTables, start: number, end: number, rolls: RollTable): void {
  const { fills, books, order } = tables;
  // First note which classes saw a close (1) and an open (2) today; only classes that saw both can
  // hold a roll, so only their fills are gathered. Most days have no roll in most classes.
  const seen = new Map<number, number>();
  for (let index = start; index < end; index++) {
    const fill = order[index] as number;
    const key = classKey(fills, books.rollClass, fill);
    if (key >= 0) seen.set(key, (seen.get(key) ?? 0) | (isOpen(fills, fill) ? 2 : 1));
  }
  let groups: Map<number, Group> | null = null;
  for (let index = start; index < end; index++) {
    const fill = order[index] as number;
    const key = classKey(fills, books.rollClass, fill);
    if (key < 0 || seen.get(key) !== 3) continue;
    groups ??= new Map();
    let group = groups.get(key);
    if (!group) {
      group = { closes: [], opens: [] };
      groups.set(key, group);
    }
    (isOpen(fills, fill) ? group.opens : group.closes).push(fill);
  }
  if (groups !== null) for (const group of groups.values()) pairGroup(tables, group, rolls);
}

function isOpen(fills: FillTable, fill: number): boolean {
  return ((fills.flags[fill] as number) & OPEN) !== 0;
}

/** The roll class (account, underlying, call/put, direction), or −1 for a close that closed nothing. */
function classKey(fills: FillTable, rollClass: Int32Array, fill: number): number {
  const flags = fills.flags[fill] as number;
  const open = (flags & OPEN) !== 0;
  if (!open && fills.matchedQuantity[fill] === 0) return -1;
  // A buy opens long and closes short; a sell opens short and closes long.
  const long = open === ((flags & BUY) !== 0);
  return (rollClass[fills.book[fill] as number] as number) + (long ? 0 : 1);
}

interface OrderGroup extends Group {
  orderId: string;
}

function orderIdOf(fills: FillTable, fill: number): string | null {
  return (fills.raw[fill] as PnlExecution).orderId ?? null;
}

function pairGroup(tables: RollTables, group: Group, rolls: RollTable): void {
  const { fills } = tables;
  // Groups are small (one underlying, side and day), so a list beats a map here.
  const orders: OrderGroup[] = [];
  for (const list of [group.closes, group.opens]) {
    for (const fill of list) {
      const orderId = orderIdOf(fills, fill);
      if (orderId === null) continue;
      let order = orders.find((candidate) => candidate.orderId === orderId);
      if (!order) {
        order = { orderId, closes: [], opens: [] };
        orders.push(order);
      }
      (isOpen(fills, fill) ? order.opens : order.closes).push(fill);
    }
  }
  const pool: Group = { closes: [], opens: [] };
  for (const list of [group.closes, group.opens]) {
    for (const fill of list) {
      const orderId = orderIdOf(fills, fill);
      const order = orderId === null ? undefined : orders.find((item) => item.orderId === orderId);
      if (!isRollOrder(order)) (isOpen(fills, fill) ? pool.opens : pool.closes).push(fill);
    }
  }
  for (const order of orders) if (isRollOrder(order)) addRolls(tables, order, true, rolls);
  if (pool.closes.length > 0 && pool.opens.length > 0) addRolls(tables, pool, false, rolls);
}

function isRollOrder(order: Group | undefined): boolean {
  return order !== undefined && order.closes.length > 0 && order.opens.length > 0;
}

function addRolls(tables: RollTables, group: Group, oneOrder: boolean, rolls: RollTable): void {
  const { fills, episodes } = tables;
  for (const pair of pairRollFills(tables, group.closes, group.opens)) {
    const roll = rolls.count++;
    rolls.from.push(pair.from.contract);
    rolls.to.push(pair.to.contract);
    rolls.day.push((fills.raw[pair.from.fills[0] as number] as PnlExecution).tradeDate);
    rolls.closeQuantity.push(pair.closeQuantity);
    rolls.openQuantity.push(pair.openQuantity);
    rolls.netCash.push(add(pair.closeCash, pair.openCash));
    rolls.oneOrder.push(oneOrder);
    rolls.fillStart.push(rolls.pool.length);
    for (const fill of pair.from.fills) rolls.pool.push(fill);
    rolls.openStart.push(rolls.pool.length);
    for (const fill of pair.to.fills) rolls.pool.push(fill);
    rolls.fillEnd.push(rolls.pool.length);
    let first = -1;
    for (let index = rolls.fillStart[roll] as number; index < rolls.pool.length; index++) {
      const episode = fills.episode[rolls.pool[index] as number] as number;
      if (episode < 0) continue;
      if (first < 0) first = episode;
      else union(episodes.parent, first, episode);
    }
    rolls.episode.push(first);
  }
}
