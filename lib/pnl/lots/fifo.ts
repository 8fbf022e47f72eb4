import { add, type Micro, prorate, sub } from "@/lib/money";
import { f64, i32, u8 } from "../cells";
import type { DayLedger } from "../day-ledger";
import {
  type BookTable,
  BUY,
  type EpisodeTable,
  type FillTable,
  type LifecycleRec,
  LONG,
  type MatchTable,
  SHORT,
  TRADE,
} from "../internal-types";
import type { PnlIssue } from "../result-types";
import { reserveRow } from "../tables";

/**
 * First-in-first-out lots. Every opening fill becomes one lot; a close consumes the oldest lots
 * first (the replay feeds fills in open-time order, ties by execution id). When a close takes part
 * of a lot, the lot's premium and fees are split pro rata by quantity with `prorate`, which
 * truncates and leaves the remainder on the part still open — so the pieces of a lot always add up
 * to the lot exactly, and cash is never created or lost by a split.
 */

/** State shared by the replay of every book. */
export interface ReplayState {
  fills: FillTable;
  books: BookTable;
  episodes: EpisodeTable;
  matches: MatchTable;
  /** Lifecycle events in replay order (`LifecycleRec.index` is the position here). */
  events: LifecycleRec[];
  /** Fill indexes in replay order. */
  order: Int32Array;
  /** Sum of every match's realized P&L, for the reconciliation. */
  realized: Micro;
  days: DayLedger;
  issues: PnlIssue[];
  /** Cash of closing quantity that found no lot. */
  unmatchedCloseCash: Micro;
  /** What `closeLots` left of its closer: quantity, premium and fees that found no lot. */
  restQuantity: Micro;
  restGross: Micro;
  restFees: Micro;
  /** The closer of every trade, refilled for each closing fill (see `tradeCloser`). */
  tradeCloser: Closer;
}

/** What is closing lots: a fill (with its premium and fees still to allocate) or an event (at zero). */
export interface Closer {
  kind: number;
  /** The closing fill, or −1. */
  fill: number;
  /** The closing event's index, or −1. */
  event: number;
  dayNumber: number;
  day: string;
  quantity: Micro;
  gross: Micro;
  fees: Micro;
}

/** A closer for trades, to be filled in before each use. */
export function tradeCloser(): Closer {
  return { kind: TRADE, fill: -1, event: -1, dayNumber: 0, day: "", quantity: 0, gross: 0, fees: 0 };
}

/** A fill's signed premium (sell +, buy −) before fees: its cash plus the fees taken from it. */
export function premiumOf(fills: FillTable, fill: number): Micro {
  return add(f64(fills.cash, fill), f64(fills.fees, fill));
}

/** The queue a fill opens into (buy → long) or closes from (buy → short). */
export function queueOf(fills: FillTable, fill: number, opening: boolean): number {
  const buy = (u8(fills.flags, fill) & BUY) !== 0;
  return i32(fills.book, fill) * 2 + (buy === opening ? LONG : SHORT);
}

export function openLot(state: ReplayState, fill: number): void {
  const { fills, books, episodes } = state;
  const queue = queueOf(fills, fill, true);
  let episode = i32(books.queueEpisode, queue);
  if (episode < 0) {
    episode = reserveRow(episodes);
    episodes.book[episode] = queue >> 1;
    episodes.direction[episode] = queue & 1;
    episodes.firstOpen[episode] = fill;
    episodes.closedOn[episode] = null;
    episodes.parent[episode] = episode;
    books.queueEpisode[queue] = episode;
  }
  const quantity = f64(fills.quantity, fill);
  fills.lotQuantity[fill] = quantity;
  fills.lotGross[fill] = premiumOf(fills, fill);
  fills.lotFees[fill] = f64(fills.fees, fill);
  const tail = i32(books.queueTail, queue);
  if (tail < 0) books.queueHead[queue] = fill;
  else fills.nextLot[tail] = fill;
  books.queueTail[queue] = fill;
  books.queueOpen[queue] = add(f64(books.queueOpen, queue), quantity);
  episodes.quantityOpened[episode] = add(f64(episodes.quantityOpened, episode), quantity);
  episodes.netCash[episode] = add(f64(episodes.netCash, episode), f64(fills.cash, fill));
  episodes.fees[episode] = add(f64(episodes.fees, episode), f64(fills.fees, fill));
  fills.episode[fill] = episode;
}

/**
 * Consumes lots from `queue` for `closer`; returns the quantity matched and leaves what found no lot
 * in `state.rest*`.
 */
export function closeLots(state: ReplayState, queue: number, closer: Closer): Micro {
  const { fills, books, episodes, matches } = state;
  let quantity = closer.quantity;
  let gross = closer.gross;
  let fees = closer.fees;
  const episode = i32(books.queueEpisode, queue);
  let head = i32(books.queueHead, queue);
  if (episode < 0 || head < 0 || quantity === 0) {
    state.restQuantity = quantity;
    state.restGross = gross;
    state.restFees = fees;
    return 0;
  }
  const book = queue >> 1;
  let matched = 0;
  while (quantity > 0 && head >= 0) {
    const lot = head;
    const lotQuantity = f64(fills.lotQuantity, lot);
    const take = Math.min(lotQuantity, quantity);
    const openGross = prorate(f64(fills.lotGross, lot), take, lotQuantity);
    const openFees = prorate(f64(fills.lotFees, lot), take, lotQuantity);
    const closeGross = prorate(gross, take, quantity);
    const closeFees = prorate(fees, take, quantity);
    fills.lotQuantity[lot] = lotQuantity - take;
    fills.lotGross[lot] = f64(fills.lotGross, lot) - openGross;
    fills.lotFees[lot] = f64(fills.lotFees, lot) - openFees;
    quantity -= take;
    gross -= closeGross;
    fees -= closeFees;
    // (close − open) × quantity × multiplier for a long, (open − close) × … for a short: both are
    // the sum of the signed premiums, because a buy's premium is negative.
    const realized = sub(add(openGross, closeGross), add(openFees, closeFees));
    const match = reserveRow(matches);
    matches.lot[match] = lot;
    matches.closerFill[match] = closer.fill;
    matches.closerEvent[match] = closer.event;
    matches.kind[match] = closer.kind;
    matches.episode[match] = episode;
    matches.quantity[match] = take;
    matches.openFees[match] = openFees;
    matches.closeFees[match] = closeFees;
    matches.realized[match] = realized;
    state.realized = add(state.realized, realized);
    state.days.realized(closer.dayNumber, realized);
    episodes.realized[episode] = add(f64(episodes.realized, episode), realized);
    episodes.netCash[episode] = add(f64(episodes.netCash, episode), sub(closeGross, closeFees));
    episodes.fees[episode] = add(f64(episodes.fees, episode), closeFees);
    books.realized[book] = add(f64(books.realized, book), realized);
    matched += take;
    if (lotQuantity === take) head = i32(fills.nextLot, lot);
  }
  state.restQuantity = quantity;
  state.restGross = gross;
  state.restFees = fees;
  books.queueHead[queue] = head;
  books.queueOpen[queue] = sub(f64(books.queueOpen, queue), matched);
  books.lastCloseKind[book] = closer.kind;
  if (books.queueOpen[queue] === 0) {
    episodes.closedOn[episode] = closer.day;
    episodes.outcome[episode] = closer.kind;
    if (closer.event >= 0) episodes.finalEventQuantity[episode] = matched;
    books.queueEpisode[queue] = -1;
    books.queueHead[queue] = -1;
    books.queueTail[queue] = -1;
  }
  return matched;
}
