import { add, type Micro } from "@/lib/money";
import { f64, i32, item, u8 } from "../cells";
import { union } from "../chains/union-find";
import { fillAccount } from "../fill-fields";
import { type BookTable, type EpisodeTable, type FillTable, OPEN } from "../internal-types";
import type { RollTable } from "../rolls/detect-rolls";
import { IntList } from "../rolls/int-list";
import { anchorShape } from "../shape-anchors";
import { createWorkTables } from "../tables";

/**
 * Strategy positions: the opening fills that belong together, one group per position, and the
 * episodes of a group joined into one chain (so a spread is one chain, and rolls of its legs move
 * the whole structure).
 *
 * Legs opened together are, per trading day:
 * - the opening fills of one order (same account and order id);
 * - for fills without an order (the activity report), those of one account and underlying at one
 *   instant; when every such fill of the day shares one instant (a date-only source), that instant
 *   says nothing, so legs (fills summed per contract and direction) with equal quantities group.
 * Opening fills of a roll group like any other (a vertical rolled in one order, or an iron
 * butterfly whose put side a roll opened, is one structure). Every opening fill is in exactly one
 * group; a lone fill is its own.
 */
export interface StrategyTable {
  count: number;
  /** Group g's opening fills are `fills[start[g] .. start[g + 1])`, in replay order. */
  start: Int32Array;
  fills: Int32Array;
  /** 1 when the group's fills opened a roll. */
  byRoll: Uint8Array;
  /** The group holding an episode's first opening fill. */
  episodeStrategy: Int32Array;
}

export interface StrategyGroupingTables {
  fills: FillTable;
  books: BookTable;
  episodes: EpisodeTable;
  rolls: RollTable;
  order: Int32Array;
}

export function groupStrategies(tables: StrategyGroupingTables): StrategyTable {
  const { fills, books, episodes, rolls, order } = tables;
  const rollOpen = new Uint8Array(fills.count);
  for (let roll = 0; roll < rolls.count; roll++) {
    for (let index = i32(rolls.openStart, roll); index < i32(rolls.fillEnd, roll); index++) {
      rollOpen[i32(rolls.pool.fills, index)] = 1;
    }
  }
  const grouper = new DayGrouper(fills, books, rollOpen);
  let index = 0;
  while (index < order.length) {
    const day = fills.day[i32(order, index)];
    grouper.startDay();
    for (; index < order.length && fills.day[i32(order, index)] === day; index++) {
      const fill = i32(order, index);
      if ((u8(fills.flags, fill) & OPEN) !== 0) grouper.add(fill);
    }
    grouper.endDay();
  }
  const { starts, members, byRoll } = grouper;
  starts.push(members.length);
  const table: StrategyTable = {
    count: byRoll.length,
    start: starts.items.slice(0, starts.length),
    fills: members.items.slice(0, members.length),
    byRoll: Uint8Array.from(byRoll.items.subarray(0, byRoll.length)),
    episodeStrategy: new Int32Array(episodes.count).fill(-1),
  };
  for (let group = 0; group < table.count; group++) {
    let first = -1;
    for (let at = i32(table.start, group); at < i32(table.start, group + 1); at++) {
      const fill = i32(table.fills, at);
      const episode = i32(fills.episode, fill);
      if (episode < 0) continue;
      if (episodes.firstOpen[episode] === fill) table.episodeStrategy[episode] = group;
      if (first < 0) first = episode;
      else union(episodes.parent, first, episode);
    }
  }
  return table;
}

/**
 * Groups one day's opening fills at a time. A history has millions of them, so the usual case —
 * each fill of an order, the order's fills next to each other — costs a comparison, the rest one
 * map lookup by the order id the input already holds; lists are reused from day to day.
 */
class DayGrouper {
  readonly starts = new IntList();
  readonly members = new IntList();
  readonly byRoll = new IntList();
  private readonly opens = new IntList();
  /** Per open of the day: its group, numbered from 0 within the day (−1 while order-less). */
  private readonly groupOf = new IntList();
  private readonly groupCounts = new IntList();
  // Groups by order index, or by account and order index when two accounts share an order id.
  private readonly byOrder = new Map<number | string, number>();
  private readonly groupAccount: string[] = [];
  private orderless: Map<number, number[]> | null = null;
  private groups = 0;

  constructor(
    private readonly fills: FillTable,
    private readonly books: BookTable,
    private readonly rollOpen: Uint8Array,
  ) {}

  startDay(): void {
    this.opens.clear();
    this.groupOf.clear();
    this.byOrder.clear();
    this.orderless = null;
    this.groups = 0;
  }

  add(fill: number): void {
    const { fills, books } = this;
    const order = i32(fills.order, fill);
    const book = i32(fills.book, fill);
    const accountId = item(books.accountId, book);
    const position = this.opens.length;
    this.opens.push(fill);
    if (order < 0) {
      this.groupOf.push(-1);
      this.orderless ??= new Map();
      // One roll-class pair per (account, underlying): the class without its call/put and direction bits.
      const key = i32(books.rollClass, book) >> 2;
      const bucket = this.orderless.get(key);
      if (bucket) bucket.push(position);
      else this.orderless.set(key, [position]);
      return;
    }
    if (position > 0) {
      const previous = this.opens.at(position - 1);
      if (i32(fills.order, previous) === order && fillAccount(fills, books, previous) === accountId) {
        this.groupOf.push(this.groupOf.at(position - 1));
        return;
      }
    }
    // Order ids are the broker's and unique; the account check only guards against a source reusing one.
    const known = this.byOrder.get(order);
    const key =
      known !== undefined && item(this.groupAccount, known) !== accountId
        ? `${accountId}\u0000${order}`
        : order;
    let group = this.byOrder.get(key);
    if (group === undefined) {
      group = this.groups++;
      this.byOrder.set(key, group);
      this.groupAccount[group] = accountId;
    }
    this.groupOf.push(group);
  }

  /** Numbers the order-less parts after the orders' groups, then writes the day's groups out. */
  endDay(): void {
    const { opens, groupOf } = this;
    if (opens.length === 0) return;
    if (this.orderless !== null) {
      for (const bucket of this.orderless.values()) {
        for (const part of splitOrderless(bucket, opens, this.fills)) {
          const group = this.groups++;
          for (const position of part) groupOf.set(position, group);
        }
      }
    }
    // A counting sort by group keeps each group's fills in replay order.
    const counts = this.groupCounts;
    counts.resetToZeros(this.groups + 1);
    for (let position = 0; position < opens.length; position++) counts.increment(groupOf.at(position) + 1);
    const base = this.members.length;
    for (let group = 0; group < this.groups; group++) {
      const start = counts.at(group);
      this.starts.push(base + start);
      counts.set(group + 1, counts.at(group + 1) + start);
    }
    this.members.resetLength(base + opens.length);
    const rolled = this.byRoll.length;
    for (let group = 0; group < this.groups; group++) this.byRoll.push(0);
    for (let position = 0; position < opens.length; position++) {
      const group = groupOf.at(position);
      const fill = opens.at(position);
      this.members.set(base + counts.at(group), fill);
      counts.increment(group);
      if (this.rollOpen[fill] === 1) this.byRoll.set(rolled + group, 1);
    }
  }
}

/**
 * Order-less fills of one account and underlying on one day (as positions in the day's opens): by
 * instant, else, when they all share one instant, by equal leg quantity. Parts come in the order of
 * their first fill. No closure is made per call: this runs once per account, underlying and day of
 * an activity report, which has no order ids.
 */
function splitOrderless(positions: readonly number[], opens: IntList, fills: FillTable): number[][] {
  if (positions.length === 1) return [positions as number[]];
  const firstInstant = f64(fills.time, opens.at(item(positions, 0)));
  let oneInstant = true;
  let inTimeOrder = true;
  let previous = firstInstant;
  for (let index = 1; index < positions.length; index++) {
    const instant = f64(fills.time, opens.at(item(positions, index)));
    if (instant !== firstInstant) oneInstant = false;
    if (instant < previous) inTimeOrder = false;
    previous = instant;
  }
  if (!oneInstant && inTimeOrder) return runsByInstant(positions, opens, fills);
  const parts = new Map<number | string, number[]>();
  if (!oneInstant) {
    for (const position of positions) addToPart(parts, f64(fills.time, opens.at(position)), position);
    return [...parts.values()];
  }
  // One instant for all: sum each leg (book and direction), then legs of equal quantity group.
  const legQuantity = new Map<number, Micro>();
  for (const position of positions) {
    const fill = opens.at(position);
    const leg = legOf(fills, fill);
    legQuantity.set(leg, add(legQuantity.get(leg) ?? 0, f64(fills.quantity, fill)));
  }
  for (const position of positions)
    addToPart(parts, String(legQuantity.get(legOf(fills, opens.at(position)))), position);
  return [...parts.values()];
}

/**
 * The positions cut where the instant changes: with the fills in time order (as the replay adds
 * them), the same parts, in the same order, as grouping by instant.
 */
function runsByInstant(positions: readonly number[], opens: IntList, fills: FillTable): number[][] {
  const parts: number[][] = [];
  let part: number[] = [];
  let instant = Number.NaN;
  for (const position of positions) {
    const at = f64(fills.time, opens.at(position));
    if (at !== instant && part.length > 0) {
      parts.push(part);
      part = [];
    }
    instant = at;
    part.push(position);
  }
  parts.push(part);
  return parts;
}

function addToPart(parts: Map<number | string, number[]>, key: number | string, position: number): void {
  const part = parts.get(key);
  if (part) part.push(position);
  else parts.set(key, [position]);
}

/** A fill's leg: its book and its direction. */
function legOf(fills: FillTable, fill: number): number {
  return i32(fills.book, fill) * 2 + (u8(fills.flags, fill) & 1);
}

// See shape-anchors.ts.
const sampleTables = createWorkTables(0, 0);
anchorShape(new DayGrouper(sampleTables.fills, sampleTables.books, new Uint8Array(0)));
