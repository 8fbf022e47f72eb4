import { add, type Micro } from "@/lib/money";
import { union } from "../chains/union-find";
import { type ContractRec, type EpisodeTable, type FillTable, OPEN } from "../internal-types";
import { queueOf } from "../lots/fifo";
import { reserveRow } from "../tables";
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
  capacity: number;
  from: ContractRec[];
  to: ContractRec[];
  closeQuantity: Float64Array;
  openQuantity: Float64Array;
  netCash: Float64Array;
  oneOrder: Uint8Array;
  /** Roll r's closing fills are `pool[fillStart[r] .. openStart[r])`, its opening fills run to `fillEnd[r]`. */
  fillStart: Int32Array;
  openStart: Int32Array;
  fillEnd: Int32Array;
  /** An episode the roll links (its chain is that episode's), or −1 when it links none. */
  episode: Int32Array;
  pool: FillPool;
}

/** The fills of every roll, one after another. */
export interface FillPool {
  count: number;
  capacity: number;
  fills: Int32Array;
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

const INITIAL_ROLLS = 1024;

export function detectRolls(tables: RollTables): RollTable {
  const rolls: RollTable = {
    count: 0,
    capacity: INITIAL_ROLLS,
    from: [],
    to: [],
    closeQuantity: new Float64Array(INITIAL_ROLLS),
    openQuantity: new Float64Array(INITIAL_ROLLS),
    netCash: new Float64Array(INITIAL_ROLLS),
    oneOrder: new Uint8Array(INITIAL_ROLLS),
    fillStart: new Int32Array(INITIAL_ROLLS),
    openStart: new Int32Array(INITIAL_ROLLS),
    fillEnd: new Int32Array(INITIAL_ROLLS),
    episode: new Int32Array(INITIAL_ROLLS),
    pool: { count: 0, capacity: INITIAL_ROLLS * 2, fills: new Int32Array(INITIAL_ROLLS * 2) },
  };
  const { fills, order } = tables;
  // Which roll classes saw a close (1) and an open (2) on the day being paired, stamped with that
  // day's run number so nothing needs clearing between days.
  const classCount = maxClass(tables) + 1;
  const seen = new Uint8Array(classCount);
  const seenOn = new Int32Array(classCount).fill(-1);
  let start = 0;
  let run = 0;
  while (start < order.length) {
    const day = fills.day[order[start] as number];
    let end = start + 1;
    while (end < order.length && fills.day[order[end] as number] === day) end++;
    pairDay(tables, start, end, { seen, seenOn, run }, rolls);
    start = end;
    run++;
  }
  return rolls;
}

function maxClass({ books }: PairingTables): number {
  let max = 0;
  for (let book = 0; book < books.count; book++) max = Math.max(max, (books.rollClass[book] as number) + 1);
  return max;
}

interface DayMarks {
  seen: Uint8Array;
  seenOn: Int32Array;
  run: number;
}

function pairDay(tables: RollTables, start: number, end: number, marks: DayMarks, rolls: RollTable): void {
  const { fills, books, order } = tables;
  const { seen, seenOn, run } = marks;
  // First note which classes saw a close and an open today; only classes that saw both can hold a
  // roll, so only their fills are gathered. Most days have no roll in most classes.
  let candidates = false;
  for (let index = start; index < end; index++) {
    const fill = order[index] as number;
    const key = classKey(fills, books.rollClass, fill);
    if (key < 0) continue;
    if (seenOn[key] !== run) {
      seenOn[key] = run;
      seen[key] = 0;
    }
    seen[key] = (seen[key] as number) | (isOpen(fills, fill) ? 2 : 1);
    if (seen[key] === 3) candidates = true;
  }
  if (!candidates) return;
  const groups = new Map<number, Group>();
  for (let index = start; index < end; index++) {
    const fill = order[index] as number;
    const key = classKey(fills, books.rollClass, fill);
    if (key < 0 || seen[key] !== 3) continue;
    let group = groups.get(key);
    if (!group) {
      group = { closes: [], opens: [] };
      groups.set(key, group);
    }
    (isOpen(fills, fill) ? group.opens : group.closes).push(fill);
  }
  for (const group of groups.values()) pairGroup(tables, group, rolls);
}

function isOpen(fills: FillTable, fill: number): boolean {
  return ((fills.flags[fill] as number) & OPEN) !== 0;
}

/** The roll class (account, underlying, call/put, direction), or −1 for a close that closed nothing. */
function classKey(fills: FillTable, rollClass: Int32Array, fill: number): number {
  const open = isOpen(fills, fill);
  if (!open && fills.matchedQuantity[fill] === 0) return -1;
  // The direction of the position the fill opens or closes: its lot queue's.
  const direction = queueOf(fills, fill, open) & 1;
  return (rollClass[fills.book[fill] as number] as number) + direction;
}

interface OrderGroup extends Group {
  orderId: string;
}

function orderIdOf(fills: FillTable, fill: number): string | null {
  return (fills.raw[fill] as PnlExecution).orderId ?? null;
}

function pairGroup(tables: RollTables, group: Group, rolls: RollTable): void {
  const { fills } = tables;
  if (group.closes.length === 1 && group.opens.length === 1) {
    // The usual roll: one closing and one opening fill. Pairing two single fills takes all of both,
    // so this is what pairRollFills would return, without building its working lists.
    pairSingleFills(tables, group.closes[0] as number, group.opens[0] as number, rolls);
    return;
  }
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

function pairSingleFills(tables: RollTables, close: number, open: number, rolls: RollTable): void {
  const { fills, books } = tables;
  const from = books.contract[fills.book[close] as number] as ContractRec;
  const to = books.contract[fills.book[open] as number] as ContractRec;
  const closeQuantity = fills.matchedQuantity[close] as number;
  if (from === to || closeQuantity === 0) return;
  const orderId = orderIdOf(fills, close);
  addRoll(tables, rolls, {
    from,
    to,
    closeFills: [close],
    openFills: [open],
    closeQuantity,
    openQuantity: fills.quantity[open] as number,
    netCash: add(fills.matchedCash[close] as number, fills.cash[open] as number),
    oneOrder: orderId !== null && orderId === orderIdOf(fills, open),
  });
}

function addRolls(tables: RollTables, group: Group, oneOrder: boolean, rolls: RollTable): void {
  for (const pair of pairRollFills(tables, group.closes, group.opens)) {
    addRoll(tables, rolls, {
      from: pair.from.contract,
      to: pair.to.contract,
      closeFills: pair.from.fills,
      openFills: pair.to.fills,
      closeQuantity: pair.closeQuantity,
      openQuantity: pair.openQuantity,
      netCash: add(pair.closeCash, pair.openCash),
      oneOrder,
    });
  }
}

interface NewRoll {
  from: ContractRec;
  to: ContractRec;
  closeFills: readonly number[];
  openFills: readonly number[];
  closeQuantity: Micro;
  openQuantity: Micro;
  netCash: Micro;
  oneOrder: boolean;
}

/** Records a roll and joins the episodes of its fills into one chain. */
function addRoll(tables: RollTables, rolls: RollTable, found: NewRoll): void {
  const { fills, episodes } = tables;
  const roll = reserveRow(rolls);
  rolls.from.push(found.from);
  rolls.to.push(found.to);
  rolls.closeQuantity[roll] = found.closeQuantity;
  rolls.openQuantity[roll] = found.openQuantity;
  rolls.netCash[roll] = found.netCash;
  rolls.oneOrder[roll] = found.oneOrder ? 1 : 0;
  const pool = rolls.pool;
  rolls.fillStart[roll] = pool.count;
  for (const fill of found.closeFills) addToPool(pool, fill);
  rolls.openStart[roll] = pool.count;
  for (const fill of found.openFills) addToPool(pool, fill);
  rolls.fillEnd[roll] = pool.count;
  let first = -1;
  for (let index = rolls.fillStart[roll] as number; index < pool.count; index++) {
    const episode = fills.episode[pool.fills[index] as number] as number;
    if (episode < 0) continue;
    if (first < 0) first = episode;
    else union(episodes.parent, first, episode);
  }
  rolls.episode[roll] = first;
}

function addToPool(pool: FillPool, fill: number): void {
  // The row is reserved first: reserving may replace the column with a larger one.
  const index = reserveRow(pool);
  pool.fills[index] = fill;
}
