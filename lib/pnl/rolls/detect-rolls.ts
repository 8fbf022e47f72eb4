import { add, type Micro } from "@/lib/money";
import { f64, i32, u8 } from "../cells";
import { union } from "../chains/union-find";
import { type ContractRec, type EpisodeTable, type FillTable, OPEN } from "../internal-types";
import { queueOf } from "../lots/fifo";
import { anchorShape } from "../shape-anchors";
import { createWorkTables, reserveRow } from "../tables";
import { IntList } from "./int-list";
import { type PairingTables, RollPairing } from "./pairing";

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

const INITIAL_ROLLS = 1024;

export function detectRolls(tables: RollTables): RollTable {
  const rolls = emptyRollTable();
  const { fills, order } = tables;
  const detector = new RollDetector(tables, rolls);
  let start = 0;
  while (start < order.length) {
    const day = fills.day[i32(order, start)];
    let end = start + 1;
    while (end < order.length && fills.day[i32(order, end)] === day) end++;
    detector.pairDay(start, end);
    start = end;
  }
  return rolls;
}

function emptyRollTable(): RollTable {
  return {
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
}

/**
 * Pairs the fills of one day after another. Its working lists are reused from group to group and
 * day to day; per-class marks are stamped with the day's run number, so nothing needs clearing.
 */
class RollDetector {
  private run = 0;
  // Per roll class: which of close (1) and open (2) it saw today, and its group today.
  private readonly seen: Uint8Array;
  private readonly seenOn: Int32Array;
  private readonly groupOf: Int32Array;
  private readonly groupOn: Int32Array;
  // Today's fills that have a roll class, with their class (then their bucket), and the fills of
  // classes that can roll laid out by group.
  private readonly dayFills = new IntList();
  private readonly dayKeys = new IntList();
  private readonly grouped = new IntList();
  private readonly bucketStarts = new IntList();
  // One group's orders: ids, how many closes and opens each has, and each fill's order (−1: none).
  /** The day group's orders, as indexes into the fills' order ids. */
  private readonly orderIds: number[] = [];
  private readonly orderCloses = new IntList();
  private readonly orderOpens = new IntList();
  private readonly orderOfFill = new IntList();
  // The closes and opens handed to pairing.
  private readonly closes = new IntList();
  private readonly opens = new IntList();
  private readonly pairing: RollPairing;

  constructor(
    private readonly tables: RollTables,
    private readonly rolls: RollTable,
  ) {
    const classCount = maxClass(tables) + 1;
    this.seen = new Uint8Array(classCount);
    this.seenOn = new Int32Array(classCount).fill(-1);
    this.groupOf = new Int32Array(classCount);
    this.groupOn = new Int32Array(classCount).fill(-1);
    this.pairing = new RollPairing(tables);
  }

  /** Finds the rolls among the fills at `order[start..end)`, which share one trading day. */
  pairDay(start: number, end: number): void {
    const run = this.run++;
    if (!this.markClasses(start, end, run)) return;
    const groups = this.layOutGroups(run);
    const { bucketStarts } = this;
    // Each bucket's start has moved to the next bucket's; group g now runs from the end of bucket
    // 2g − 1 (or 0), its opens from the end of bucket 2g, to the end of bucket 2g + 1.
    for (let group = 0; group < groups; group++) {
      const closeStart = group === 0 ? 0 : bucketStarts.at(group * 2 - 1);
      this.pairGroup(closeStart, bucketStarts.at(group * 2), bucketStarts.at(group * 2 + 1));
    }
  }

  /**
   * Notes which classes saw a close and an open today, keeping each fill that has a class with its
   * class in `dayFills` and `dayKeys`. Only classes that saw both can hold a roll, and most days have
   * none in most classes: says whether any class saw both.
   */
  private markClasses(start: number, end: number, run: number): boolean {
    const { fills, books, order } = this.tables;
    const { seen, seenOn, dayFills, dayKeys } = this;
    dayFills.clear();
    dayKeys.clear();
    let candidates = false;
    for (let index = start; index < end; index++) {
      const fill = i32(order, index);
      const key = classKey(fills, books.rollClass, fill);
      if (key < 0) continue;
      if (seenOn[key] !== run) {
        seenOn[key] = run;
        seen[key] = 0;
      }
      seen[key] = u8(seen, key) | (isOpen(fills, fill) ? 2 : 1);
      if (seen[key] === 3) candidates = true;
      dayFills.push(fill);
      dayKeys.push(key);
    }
    return candidates;
  }

  /**
   * Lays out today's fills of classes that saw both a close and an open in `grouped`, by group
   * (numbered in the order their classes first appear today): each group's closes, then its opens,
   * each in replay order. A counting sort by bucket (group × 2, + 1 for opens) does it; returns
   * the number of groups and leaves each bucket's end in `bucketStarts`.
   */
  private layOutGroups(run: number): number {
    const { fills } = this.tables;
    const { seen, dayFills, dayKeys, grouped, bucketStarts } = this;
    let groups = 0;
    // dayKeys turns into each fill's bucket, −1 for fills of classes that cannot roll today.
    for (let index = 0; index < dayFills.length; index++) {
      const key = dayKeys.at(index);
      if (seen[key] !== 3) {
        dayKeys.set(index, -1);
        continue;
      }
      if (this.groupOn[key] !== run) {
        this.groupOn[key] = run;
        this.groupOf[key] = groups++;
      }
      dayKeys.set(index, i32(this.groupOf, key) * 2 + (isOpen(fills, dayFills.at(index)) ? 1 : 0));
    }
    bucketStarts.resetToZeros(groups * 2 + 1);
    for (let index = 0; index < dayKeys.length; index++) {
      const bucket = dayKeys.at(index);
      if (bucket >= 0) bucketStarts.increment(bucket + 1);
    }
    for (let bucket = 1; bucket <= groups * 2; bucket++) {
      bucketStarts.set(bucket, bucketStarts.at(bucket) + bucketStarts.at(bucket - 1));
    }
    grouped.resetToZeros(bucketStarts.at(groups * 2));
    for (let index = 0; index < dayFills.length; index++) {
      const bucket = dayKeys.at(index);
      if (bucket < 0) continue;
      grouped.set(bucketStarts.at(bucket), dayFills.at(index));
      bucketStarts.increment(bucket);
    }
    return groups;
  }

  /** Pairs one group: `grouped[closeStart..openStart)` are its closes, `[openStart..end)` its opens. */
  private pairGroup(closeStart: number, openStart: number, end: number): void {
    const { grouped, closes, opens } = this;
    if (openStart - closeStart === 1 && end - openStart === 1) {
      // The usual roll: one closing and one opening fill. Pairing two single fills takes all of
      // both, so this is what pairing would find, without its working lists.
      this.pairSingleFills(grouped.at(closeStart), grouped.at(openStart));
      return;
    }
    const { fills } = this.tables;
    const { orderIds, orderCloses, orderOpens, orderOfFill } = this;
    orderIds.length = 0;
    orderCloses.clear();
    orderOpens.clear();
    orderOfFill.clear();
    for (let index = closeStart; index < end; index++) {
      const orderId = i32(fills.order, grouped.at(index));
      let order = -1;
      if (orderId >= 0) {
        // Groups are small (one underlying, side and day), so a scan beats a map here.
        order = 0;
        while (order < orderIds.length && orderIds[order] !== orderId) order++;
        if (order === orderIds.length) {
          orderIds.push(orderId);
          orderCloses.push(0);
          orderOpens.push(0);
        }
        (index < openStart ? orderCloses : orderOpens).increment(order);
      }
      orderOfFill.push(order);
    }
    // Legs of one order that both close and open pair first (one-order rolls), order by order.
    for (let order = 0; order < orderIds.length; order++) {
      if (!this.isRollOrder(order)) continue;
      closes.clear();
      opens.clear();
      for (let index = closeStart; index < end; index++) {
        if (orderOfFill.at(index - closeStart) !== order) continue;
        (index < openStart ? closes : opens).push(grouped.at(index));
      }
      this.addRolls(true);
    }
    // Every other fill of the day pairs regardless of order.
    closes.clear();
    opens.clear();
    for (let index = closeStart; index < end; index++) {
      const order = orderOfFill.at(index - closeStart);
      if (order >= 0 && this.isRollOrder(order)) continue;
      (index < openStart ? closes : opens).push(grouped.at(index));
    }
    if (closes.length > 0 && opens.length > 0) this.addRolls(false);
  }

  private isRollOrder(order: number): boolean {
    return this.orderCloses.at(order) > 0 && this.orderOpens.at(order) > 0;
  }

  private pairSingleFills(close: number, open: number): void {
    const { fills } = this.tables;
    const from = this.pairing.contractOf(close);
    const to = this.pairing.contractOf(open);
    const closeQuantity = f64(fills.matchedQuantity, close);
    if (from === to || closeQuantity === 0) return;
    const orderId = i32(fills.order, close);
    this.closes.clear();
    this.closes.push(close);
    this.opens.clear();
    this.opens.push(open);
    this.addRoll(
      from,
      to,
      closeQuantity,
      f64(fills.quantity, open),
      add(f64(fills.matchedCash, close), f64(fills.cash, open)),
      orderId >= 0 && orderId === i32(fills.order, open),
    );
  }

  /** Pairs `closes` with `opens` and records a roll per pair. */
  private addRolls(oneOrder: boolean): void {
    const pairing = this.pairing;
    const pairs = pairing.pair(this.closes, this.opens);
    for (let pair = 0; pair < pairs; pair++) {
      this.addRoll(
        pairing.from[pair] as ContractRec,
        pairing.to[pair] as ContractRec,
        f64(pairing.closeQuantity, pair),
        f64(pairing.openQuantity, pair),
        add(f64(pairing.closeCash, pair), f64(pairing.openCash, pair)),
        oneOrder,
      );
    }
  }

  /**
   * Records a roll from `from` to `to`, whose fills are those of its contracts among `closes` and
   * `opens`, and joins the episodes of its fills into one chain.
   */
  private addRoll(
    from: ContractRec,
    to: ContractRec,
    closeQuantity: Micro,
    openQuantity: Micro,
    netCash: Micro,
    oneOrder: boolean,
  ): void {
    const { rolls } = this;
    const { fills, episodes } = this.tables;
    const roll = reserveRow(rolls);
    rolls.from.push(from);
    rolls.to.push(to);
    rolls.closeQuantity[roll] = closeQuantity;
    rolls.openQuantity[roll] = openQuantity;
    rolls.netCash[roll] = netCash;
    rolls.oneOrder[roll] = oneOrder ? 1 : 0;
    const pool = rolls.pool;
    rolls.fillStart[roll] = pool.count;
    this.addFillsOf(from, this.closes, true);
    rolls.openStart[roll] = pool.count;
    this.addFillsOf(to, this.opens, false);
    rolls.fillEnd[roll] = pool.count;
    let first = -1;
    for (let index = i32(rolls.fillStart, roll); index < pool.count; index++) {
      const episode = i32(fills.episode, i32(pool.fills, index));
      if (episode < 0) continue;
      if (first < 0) first = episode;
      else union(episodes.parent, first, episode);
    }
    rolls.episode[roll] = first;
  }

  private addFillsOf(contract: ContractRec, list: IntList, closing: boolean): void {
    const pool = this.rolls.pool;
    for (let index = 0; index < list.length; index++) {
      const fill = list.at(index);
      if (this.pairing.contractOf(fill) !== contract || this.pairing.rollingQuantity(fill, closing) === 0) {
        continue;
      }
      // The row is reserved first: reserving may replace the column with a larger one.
      const row = reserveRow(pool);
      pool.fills[row] = fill;
    }
  }
}

function maxClass({ books }: PairingTables): number {
  let max = 0;
  for (let book = 0; book < books.count; book++) max = Math.max(max, i32(books.rollClass, book) + 1);
  return max;
}

function isOpen(fills: FillTable, fill: number): boolean {
  return (u8(fills.flags, fill) & OPEN) !== 0;
}

/** The roll class (account, underlying, call/put, direction), or −1 for a close that closed nothing. */
function classKey(fills: FillTable, rollClass: Int32Array, fill: number): number {
  const open = isOpen(fills, fill);
  if (!open && fills.matchedQuantity[fill] === 0) return -1;
  // The direction of the position the fill opens or closes: its lot queue's.
  const direction = queueOf(fills, fill, open) & 1;
  return i32(rollClass, i32(fills.book, fill)) + direction;
}

// See shape-anchors.ts (the detector makes its pairing and lists, which are anchored with it).
anchorShape(new RollDetector({ ...createWorkTables(0, 0), order: new Int32Array(0) }, emptyRollTable()));
