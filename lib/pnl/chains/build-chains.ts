import { add, divRounded, formatMoney, formatQuantity, type Micro, mul, negate } from "@/lib/money";
import { f64, i32, item, u8 } from "../cells";
import { daysBetween } from "../dates";
import { fillDate, fillId } from "../fill-fields";
import { stableHash } from "../hash";
import {
  type BookTable,
  CLOSE_KIND_CODES,
  type ContractRec,
  DIRECTIONS,
  type EpisodeTable,
  type FillTable,
  SHORT,
} from "../internal-types";
import { compareFills, compareIds, compareOpeningThenId } from "../lots/compare";
import type { ChainLeg, ChainStatus, RollChain } from "../result-types";
import type { RollTable } from "../rolls/detect-rolls";
import { formatRoll, rollId } from "../rolls/format-roll";
import { defineLazy } from "../rows/lazy";
import type { StrategyTable } from "../strategies/group-strategies";
import type { StrategyIndex } from "../strategies/strategy-index";
import type { CloseKind } from "../types";
import { legOutsOf, rolledAwayEpisodes } from "./leg-outs";
import { findRoot } from "./union-find";

/**
 * Roll chains: episodes (one contract position from open to flat) joined by the rolls between them
 * (the union-find links are made as rolls are detected). A chain's id hashes its account and the id
 * of its earliest opening fill, so recomputing the same data, or appending newer data, keeps it.
 *
 * The chains' rows and ids are built on first use and kept: a caller that wants only totals never
 * pays for hashing and formatting hundreds of thousands of chains.
 */
export const BREAKEVEN_ROUNDING = "half-even" as const;

export interface ChainTables {
  fills: FillTable;
  books: BookTable;
  episodes: EpisodeTable;
  rolls: RollTable;
  strategies: StrategyTable;
  strategyIndex: StrategyIndex;
  asOf: string;
}

const STATUS: Record<CloseKind, ChainStatus> = {
  trade: "closed",
  expiration: "expired",
  "expiration-inferred": "expired",
  assignment: "assigned",
  exercise: "exercised",
};
// When several legs end on the chain's last day, the most consequential ending names the chain.
const PRIORITY: Record<CloseKind, number> = {
  assignment: 4,
  exercise: 3,
  expiration: 2,
  "expiration-inferred": 1,
  trade: 0,
};

interface Grouping {
  /** Episodes grouped by chain root; each group in time order of its first open. */
  members: Int32Array;
  /** Group of root r: `members[start[r] .. start[r + 1])` (empty for episodes that are not roots). */
  start: Int32Array;
  idByRoot: string[];
}

export class ChainIndex {
  private grouping: Grouping | null = null;
  private rolledAway: Uint8Array | null = null;

  constructor(private readonly tables: ChainTables) {}

  /** The id of the chain an episode belongs to. */
  chainIdOf(episode: number): string {
    const grouping = this.group();
    return item(grouping.idByRoot, findRoot(this.tables.episodes.parent, episode));
  }

  /** Every chain, ordered by opening date, then id. */
  rows(): RollChain[] {
    const { members, start, idByRoot } = this.group();
    const { episodes, rolls, fills, books } = this.tables;
    // Sized up front: filling a large empty array at scattered indexes would make it a slow, sparse one.
    const rollsByRoot = new Array<number[] | undefined>(episodes.count);
    for (let roll = 0; roll < rolls.count; roll++) {
      const episode = i32(rolls.episode, roll);
      if (episode < 0) continue;
      const root = findRoot(episodes.parent, episode);
      const list = rollsByRoot[root];
      if (list) list.push(roll);
      else rollsByRoot[root] = [roll];
    }
    const chains: RollChain[] = [];
    for (let root = 0; root < episodes.count; root++) {
      const from = i32(start, root);
      const to = i32(start, root + 1);
      if (from === to) continue;
      const rollRows = (rollsByRoot[root] ?? [])
        .map((roll) => formatRoll(rolls, fills, roll, rollId(rolls, fills, books, roll)))
        .sort(byDateThenId);
      chains.push(this.chain(item(idByRoot, root), Array.from(members.subarray(from, to)), rollRows));
    }
    return chains.sort(compareOpeningThenId);
  }

  private group(): Grouping {
    if (this.grouping !== null) return this.grouping;
    const { episodes, fills, books } = this.tables;
    const count = episodes.count;
    const roots = new Int32Array(count);
    const start = new Int32Array(count + 1);
    for (let episode = 0; episode < count; episode++) {
      const root = findRoot(episodes.parent, episode);
      roots[episode] = root;
      start[root + 1] = i32(start, root + 1) + 1;
    }
    for (let root = 0; root < count; root++) start[root + 1] = i32(start, root + 1) + i32(start, root);
    const next = start.slice(0, count);
    const members = new Int32Array(count);
    for (let episode = 0; episode < count; episode++) {
      const root = i32(roots, episode);
      members[i32(next, root)] = episode;
      next[root] = i32(next, root) + 1;
    }
    const idByRoot = new Array<string>(count);
    const byFirstOpen = (a: number, b: number) =>
      compareFills(fills, i32(episodes.firstOpen, a), i32(episodes.firstOpen, b));
    for (let root = 0; root < count; root++) {
      const from = i32(start, root);
      const to = i32(start, root + 1);
      if (from === to) continue;
      if (to - from > 1) members.set(Array.from(members.subarray(from, to)).sort(byFirstOpen), from);
      const first = i32(members, from);
      const id = fillId(fills, i32(episodes.firstOpen, first));
      idByRoot[root] = `ch_${stableHash([item(books.accountId, i32(episodes.book, first)), id])}`;
    }
    this.grouping = { members, start, idByRoot };
    return this.grouping;
  }

  private chain(id: string, list: number[], rolls: RollChain["rolls"]): RollChain {
    const { episodes, books, fills, asOf } = this.tables;
    const first = item(list, 0);
    const firstBook = i32(episodes.book, first);
    const contract = books.contract[firstBook] as ContractRec;
    const openedOn = fillDate(fills, i32(episodes.firstOpen, first));
    let netPremium: Micro = 0;
    let realized: Micro = 0;
    let fees: Micro = 0;
    let unrealized: Micro | null = 0;
    const open: number[] = [];
    let closedOn = "";
    for (const episode of list) {
      netPremium = add(netPremium, f64(episodes.netCash, episode));
      realized = add(realized, f64(episodes.realized, episode));
      fees = add(fees, f64(episodes.fees, episode));
      if (episodes.outcome[episode] === 0) {
        open.push(episode);
        unrealized =
          episodes.unmarked[episode] === 1 || unrealized === null
            ? null
            : add(unrealized, f64(episodes.unrealized, episode));
      } else if ((episodes.closedOn[episode] ?? "") > closedOn) closedOn = episodes.closedOn[episode] ?? "";
    }
    const ending = open.length > 0 ? [] : list.filter((episode) => episodes.closedOn[episode] === closedOn);
    let final = -1;
    for (const episode of ending) {
      if (final < 0 || PRIORITY[this.outcome(episode)] > PRIORITY[this.outcome(final)]) final = episode;
    }
    const status: ChainStatus = final < 0 ? "open" : STATUS[this.outcome(final)];
    const { strategyIndex, rolls: rollTable } = this.tables;
    this.rolledAway ??= rolledAwayEpisodes(fills, episodes, rollTable);
    const firstStrategy = this.openingStrategy(list, openedOn);
    const chain: RollChain = {
      id,
      accountId: item(books.accountId, firstBook),
      underlying: contract.underlying,
      optionType: contract.optionType,
      side: DIRECTIONS[u8(episodes.direction, first)] as "long" | "short",
      status,
      expiryInferred: final >= 0 && this.outcome(final) === "expiration-inferred",
      openedOn,
      closedOn: final < 0 ? null : closedOn,
      daysHeld: daysBetween(openedOn, final < 0 ? asOf : closedOn),
      rolls,
      netPremium: formatMoney(netPremium),
      realized: formatMoney(realized),
      unrealized: open.length === 0 ? "0.00" : unrealized === null ? null : formatMoney(unrealized),
      fees: formatMoney(fees),
      breakeven: this.breakevenOf(open, ending, status, netPremium),
      legs: [],
      strategy: firstStrategy < 0 ? "custom" : strategyIndex.label(firstStrategy),
      legOuts: list.length > 1 ? legOutsOf(this.tables, this.rolledAway, list) : [],
      adjustments: [],
    };
    // The derived rows never read a chain's legs (its lots are stored instead): made when read.
    defineLazy(chain, "legs", () => list.map((episode) => this.leg(episode)));
    return chain;
  }

  /**
   * The strategy a chain opened with: of the positions opened on its first day, the one with the
   * most legs (the earliest on a tie), so a day trade that a roll linked in does not name a spread.
   */
  private openingStrategy(list: number[], openedOn: string): number {
    const { episodes, fills, strategies, strategyIndex } = this.tables;
    let best = i32(strategies.episodeStrategy, item(list, 0));
    if (list.length === 1) return best;
    let bestLegs = best < 0 ? 0 : strategyIndex.legCount(best);
    for (let at = 1; at < list.length; at++) {
      const episode = item(list, at);
      if (fillDate(fills, i32(episodes.firstOpen, episode)) !== openedOn) break;
      const group = i32(strategies.episodeStrategy, episode);
      if (group < 0 || group === best) continue;
      const legs = strategyIndex.legCount(group);
      if (legs > bestLegs) {
        best = group;
        bestLegs = legs;
      }
    }
    return best;
  }

  private outcome(episode: number): CloseKind {
    return CLOSE_KIND_CODES[u8(this.tables.episodes.outcome, episode)] as CloseKind;
  }

  /**
   * Strike of the open (or assigned / exercised) contract moved by the chain's net premium per share:
   * a short call or long put moves up by a credit, a short put or long call moves down. Only defined
   * when exactly one contract carries the position.
   */
  private breakevenOf(
    open: number[],
    ending: number[],
    status: ChainStatus,
    netPremium: Micro,
  ): string | null {
    const { episodes, books } = this.tables;
    let episode = -1;
    let quantity: Micro = 0;
    if (open.length === 1) {
      episode = item(open, 0);
      quantity = f64(episodes.quantityOpen, episode);
    } else if (open.length === 0 && (status === "assigned" || status === "exercised")) {
      const delivered = ending.filter((candidate) => STATUS[this.outcome(candidate)] === status);
      if (delivered.length === 1) {
        episode = item(delivered, 0);
        quantity = f64(episodes.finalEventQuantity, episode);
      }
    }
    if (episode < 0 || quantity === 0) return null;
    const contract = books.contract[i32(episodes.book, episode)] as ContractRec;
    const shares = mul(quantity, contract.multiplier);
    const perShare = divRounded(netPremium, shares, BREAKEVEN_ROUNDING);
    const up = (contract.optionType === "call") === (episodes.direction[episode] === SHORT);
    return formatMoney(add(contract.strike, up ? perShare : negate(perShare)));
  }

  private leg(episode: number): ChainLeg {
    const { episodes, books, fills } = this.tables;
    const contract = books.contract[i32(episodes.book, episode)] as ContractRec;
    const outcome = u8(episodes.outcome, episode);
    return {
      contractKey: contract.key,
      expiration: contract.expiration,
      strike: contract.strikeText,
      optionType: contract.optionType,
      openedOn: fillDate(fills, i32(episodes.firstOpen, episode)),
      closedOn: episodes.closedOn[episode] ?? null,
      quantityOpened: formatQuantity(f64(episodes.quantityOpened, episode)),
      quantityOpen: formatQuantity(f64(episodes.quantityOpen, episode)),
      outcome: outcome === 0 ? "open" : this.outcome(episode),
      netCash: formatMoney(f64(episodes.netCash, episode)),
      realized: formatMoney(f64(episodes.realized, episode)),
      direction: DIRECTIONS[u8(episodes.direction, episode)] as "long" | "short",
    };
  }
}

// Defined once: a comparator made per call is compiled again after every recompute.
function byDateThenId(a: { date: string; id: string }, b: { date: string; id: string }): number {
  return a.date === b.date ? compareIds(a.id, b.id) : a.date < b.date ? -1 : 1;
}
