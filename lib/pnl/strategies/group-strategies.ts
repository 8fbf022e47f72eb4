import { add, type Micro } from "@/lib/money";
import { union } from "../chains/union-find";
import { type EpisodeTable, type FillTable, OPEN } from "../internal-types";
import type { RollTable } from "../rolls/detect-rolls";
import { IntList } from "../rolls/int-list";
import type { PnlExecution } from "../types";

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
  episodes: EpisodeTable;
  rolls: RollTable;
  order: Int32Array;
}

export function groupStrategies(tables: StrategyGroupingTables): StrategyTable {
  const { fills, episodes, rolls, order } = tables;
  const rollOpen = new Uint8Array(fills.count);
  for (let roll = 0; roll < rolls.count; roll++) {
    for (let index = rolls.openStart[roll] as number; index < (rolls.fillEnd[roll] as number); index++) {
      rollOpen[rolls.pool.fills[index] as number] = 1;
    }
  }
  const starts = new IntList();
  const members = new IntList();
  const byRoll = new IntList();
  const emit = (group: readonly number[]) => {
    starts.push(members.length);
    let rolled = 0;
    for (const fill of group) {
      members.push(fill);
      rolled |= rollOpen[fill] as number;
    }
    byRoll.push(rolled);
  };
  const dayOpens: number[] = [];
  let index = 0;
  while (index < order.length) {
    const day = fills.day[order[index] as number];
    dayOpens.length = 0;
    for (; index < order.length && fills.day[order[index] as number] === day; index++) {
      const fill = order[index] as number;
      if (((fills.flags[fill] as number) & OPEN) !== 0) dayOpens.push(fill);
    }
    if (dayOpens.length === 1) emit(dayOpens);
    else if (dayOpens.length > 1) groupDay(dayOpens, fills, emit);
  }
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
    for (let at = table.start[group] as number; at < (table.start[group + 1] as number); at++) {
      const fill = table.fills[at] as number;
      const episode = fills.episode[fill] as number;
      if (episode < 0) continue;
      if (episodes.firstOpen[episode] === fill) table.episodeStrategy[episode] = group;
      if (first < 0) first = episode;
      else union(episodes.parent, first, episode);
    }
  }
  return table;
}

/** Splits one day's opening fills (more than one) into groups, in the order of their first fill. */
function groupDay(
  opens: readonly number[],
  fills: FillTable,
  emit: (group: readonly number[]) => void,
): void {
  // Groups keyed by (account, order), or by (account, underlying) for order-less fills; two levels
  // of maps rather than one joined key, so no string is built per fill. `ordered` keeps the order
  // of each group's first fill.
  const byOrder = new Map<string, Map<string, number[]>>();
  const byUnderlying = new Map<string, Map<string, number[]>>();
  const ordered: { hasOrder: boolean; fills: number[] }[] = [];
  for (const fill of opens) {
    const raw = fills.raw[fill] as PnlExecution;
    const hasOrder = raw.orderId != null;
    const outer = hasOrder ? byOrder : byUnderlying;
    let inner = outer.get(raw.accountId);
    if (inner === undefined) {
      inner = new Map();
      outer.set(raw.accountId, inner);
    }
    const key = hasOrder ? (raw.orderId as string) : raw.contract.underlying;
    const group = inner.get(key);
    if (group) group.push(fill);
    else {
      const created = [fill];
      inner.set(key, created);
      ordered.push({ hasOrder, fills: created });
    }
  }
  for (const { hasOrder, fills: group } of ordered) {
    if (hasOrder || group.length === 1) emit(group);
    else for (const part of splitOrderless(group, fills)) emit(part);
  }
}

/** Order-less fills of one account and underlying on one day: by instant, else by equal quantity. */
function splitOrderless(group: readonly number[], fills: FillTable): number[][] {
  const instantOf = (fill: number) => (fills.raw[fill] as PnlExecution).executedAt;
  const firstInstant = instantOf(group[0] as number);
  const parts = new Map<string, number[]>();
  if (group.some((fill) => instantOf(fill) !== firstInstant)) {
    for (const fill of group) {
      const instant = instantOf(fill);
      const part = parts.get(instant);
      if (part) part.push(fill);
      else parts.set(instant, [fill]);
    }
    return [...parts.values()];
  }
  // One instant for all: sum each leg (book and direction), then legs of equal quantity group.
  const legQuantity = new Map<number, Micro>();
  const legOf = (fill: number) => (fills.book[fill] as number) * 2 + ((fills.flags[fill] as number) & 1);
  for (const fill of group) {
    const leg = legOf(fill);
    legQuantity.set(leg, add(legQuantity.get(leg) ?? 0, fills.quantity[fill] as number));
  }
  for (const fill of group) {
    const quantity = String(legQuantity.get(legOf(fill)));
    const part = parts.get(quantity);
    if (part) part.push(fill);
    else parts.set(quantity, [fill]);
  }
  return [...parts.values()];
}
