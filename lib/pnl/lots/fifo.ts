import { add, formatDecimal, formatMoney, formatQuantity, type Micro, prorate, sub } from "@/lib/money";
import type { DayLedger } from "../day-ledger";
import type { Book, Episode, Exec, LifecycleRec, LotQueue } from "../internal-types";
import type { PnlIssue } from "../result-types";
import type { CloseKind, Direction, MatchedLot } from "../types";

/**
 * First-in-first-out lots. Every opening fill becomes one lot; a close consumes the oldest lots
 * first (the replay feeds fills in open-time order, ties by execution id). When a close takes part
 * of a lot, the lot's premium and fees are split pro rata by quantity with `prorate`, which
 * truncates and leaves the remainder on the part still open — so the pieces of a lot always add up
 * to the lot exactly, and cash is never created or lost by a split.
 */

const ZERO_PRICE = formatDecimal(0);

/** State shared by the replay of every book. */
export interface ReplayState {
  /** Output rows, built once; `matchEpisodes[i]` is the episode of `matches[i]` (for chain ids). */
  matches: MatchedLot[];
  matchEpisodes: Episode[];
  /** Sum of every match's realized P&L, for the reconciliation. */
  realized: Micro;
  days: DayLedger;
  episodes: Episode[];
  issues: PnlIssue[];
  /** Cash of closing quantity that found no lot. */
  unmatchedCloseCash: Micro;
}

/** What is closing lots: a fill (with its premium and fees still to allocate) or an event (at zero). */
export interface Closer {
  exec: Exec | null;
  event: LifecycleRec | null;
  kind: CloseKind;
  day: string;
  dayNumber: number;
  /** Remaining quantity, premium and fees of the closer; reduced as lots are consumed. */
  quantity: Micro;
  gross: Micro;
  fees: Micro;
}

export function queueFor(book: Book, direction: Direction): LotQueue {
  return direction === "long" ? book.long : book.short;
}

export function openLot(state: ReplayState, exec: Exec): void {
  const book = exec.book;
  // Buying to open makes a long lot, selling to open a short one.
  const queue = exec.buy ? book.long : book.short;
  let episode = queue.episode;
  if (episode === null) {
    episode = {
      index: state.episodes.length,
      book,
      direction: queue.direction,
      firstOpen: exec,
      openedOn: exec.day,
      closedOn: null,
      outcome: null,
      quantityOpened: 0,
      finalEventQuantity: 0,
      netCash: 0,
      realized: 0,
      fees: 0,
      quantityOpen: 0,
      unrealized: 0,
      unmarked: false,
      parent: state.episodes.length,
    };
    state.episodes.push(episode);
    queue.episode = episode;
  }
  exec.lotQuantity = exec.quantity;
  exec.lotGross = exec.gross;
  exec.lotFees = exec.fees;
  if (queue.lots === null) queue.lots = [exec];
  else queue.lots.push(exec);
  queue.openQuantity = add(queue.openQuantity, exec.quantity);
  episode.quantityOpened = add(episode.quantityOpened, exec.quantity);
  episode.netCash = add(episode.netCash, exec.cash);
  episode.fees = add(episode.fees, exec.fees);
  exec.episode = episode;
}

/** Consumes lots from `queue` for `closer`; returns the quantity matched. */
export function closeLots(state: ReplayState, queue: LotQueue, closer: Closer): Micro {
  const episode = queue.episode;
  const lots = queue.lots;
  if (episode === null || lots === null || closer.quantity === 0) return 0;
  const book = episode.book;
  let matched = 0;
  while (closer.quantity > 0 && queue.head < lots.length) {
    const lot = lots[queue.head] as Exec;
    const take = Math.min(lot.lotQuantity, closer.quantity);
    const openGross = prorate(lot.lotGross, take, lot.lotQuantity);
    const openFees = prorate(lot.lotFees, take, lot.lotQuantity);
    const closeGross = prorate(closer.gross, take, closer.quantity);
    const closeFees = prorate(closer.fees, take, closer.quantity);
    lot.lotQuantity -= take;
    lot.lotGross -= openGross;
    lot.lotFees -= openFees;
    closer.quantity -= take;
    closer.gross -= closeGross;
    closer.fees -= closeFees;
    // (close − open) × quantity × multiplier for a long, (open − close) × … for a short: both are
    // the sum of the signed premiums, because a buy's premium is negative.
    const realized = sub(add(openGross, closeGross), add(openFees, closeFees));
    state.matches.push({
      accountId: book.accountId,
      contractKey: book.contract.key,
      underlying: book.contract.underlying,
      direction: episode.direction,
      openExecutionId: lot.id,
      closeExecutionId: closer.exec === null ? null : closer.exec.id,
      closeEventId: closer.event === null ? null : closer.event.id,
      closeKind: closer.kind,
      openedOn: lot.day,
      closedOn: closer.day,
      quantity: formatQuantity(take),
      openPrice: lot.priceText,
      closePrice: closer.exec === null ? ZERO_PRICE : closer.exec.priceText,
      openFees: formatMoney(openFees),
      closeFees: formatMoney(closeFees),
      realized: formatMoney(realized),
      chainId: "",
    });
    state.matchEpisodes.push(episode);
    state.realized = add(state.realized, realized);
    state.days.realized(closer.dayNumber, closer.day, realized);
    episode.realized = add(episode.realized, realized);
    episode.netCash = add(episode.netCash, sub(closeGross, closeFees));
    episode.fees = add(episode.fees, closeFees);
    book.realized = add(book.realized, realized);
    matched += take;
    if (lot.lotQuantity === 0) queue.head++;
  }
  queue.openQuantity = sub(queue.openQuantity, matched);
  book.lastCloseKind = closer.kind;
  if (queue.openQuantity === 0) {
    episode.closedOn = closer.day;
    episode.outcome = closer.kind;
    if (closer.event !== null) episode.finalEventQuantity = matched;
    queue.episode = null;
    queue.lots = null;
    queue.head = 0;
  }
  return matched;
}
