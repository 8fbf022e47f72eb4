import { add, divRounded, MICRO_PER_UNIT, type Micro, mul, mulRounded } from "@/lib/money";
import { type BookFinder, compareBooks } from "../book-finder";
import { f64, i32, item } from "../cells";
import { union } from "../chains/union-find";
import type { ContractRegistry } from "../contract";
import type { BookTable, ContractRec, EpisodeTable, FillTable, MatchTable } from "../internal-types";
import { SHORT, TRADE } from "../internal-types";
import { adjustContract } from "./adjust-contract";
import type { CorporateActionRec } from "./parse-actions";

/** One open position (a book's queue) moved by an action into its adjusted contract. */
export interface AdjustmentRec {
  action: CorporateActionRec;
  /** The episode that carries on in the adjusted contract (its chain is the chain adjusted). */
  episode: number;
  from: ContractRec;
  to: ContractRec;
  quantityBefore: Micro;
  quantityAfter: Micro;
  /** True when the moved queue held short lots (the wheel counts short puts and calls). */
  short: boolean;
}

export interface ActionTables {
  fills: FillTable;
  books: BookTable;
  episodes: EpisodeTable;
  matches: MatchTable;
}

/**
 * Applies renames and splits during the replay, each at the start of its date (after the events of
 * earlier dates, before the fills of its own). An open position does not close and reopen: its lots
 * move, as they are, into the queue of the adjusted contract's book, and its episode moves with them,
 * so the chain continues and nothing is realized; later closes, expirations and marks meet the lots
 * under the new contract, where they are counted. A split also scales the lots' quantities.
 *
 * Books are found through an index of (account, underlying) built at the first action, so a history
 * without actions pays nothing.
 */
export class CorporateActionReplay {
  private next = 0;
  private index: Map<string, number[]> | null = null;
  readonly adjustments: AdjustmentRec[] = [];
  /** Per-share opening price of lots a split re-priced, by opening fill (for the result rows). */
  private readonly adjustedPrices = new Map<number, Micro>();
  /** For each moved episode, the book it was in before each move and the match count at the move. */
  private readonly bookHistory = new Map<number, { until: number; book: number }[]>();

  constructor(
    private readonly actions: readonly CorporateActionRec[],
    private readonly tables: ActionTables,
    private readonly contracts: ContractRegistry,
    private readonly finder: BookFinder,
  ) {}

  /** Day number of the next action to apply, or +∞ when none is left. */
  nextDay(): number {
    const action = this.actions[this.next];
    return action === undefined ? Number.POSITIVE_INFINITY : action.dayNumber;
  }

  applyNext(): void {
    const action = this.actions[this.next++] as CorporateActionRec;
    const { books } = this.tables;
    const index = this.bookIndex();
    // A copy: a split's adjusted books join the same (account, symbol) list while it is walked.
    const sources = [...(index.get(keyOf(action.accountId, action.symbol)) ?? [])].sort((a, b) =>
      compareBooks(books, a, b),
    );
    for (const book of sources) {
      // A contract that expired before the action is not adjusted (its expiry is still to be booked).
      if (i32(books.expirationDay, book) < action.dayNumber) continue;
      if (f64(books.queueOpen, book * 2) === 0 && f64(books.queueOpen, book * 2 + 1) === 0) continue;
      const source = books.contract[book] as ContractRec;
      const terms = adjustContract(source, action);
      const target = this.contracts.resolve(terms.contract);
      if (typeof target === "string") throw new Error(`adjusted contract is invalid: ${target}`);
      const targetBook = this.finder.bookFor(target, action.accountId);
      if (targetBook === book) continue;
      if (!index.get(keyOf(action.accountId, target.underlying))?.includes(targetBook)) {
        this.indexBook(index, targetBook);
      }
      for (let direction = 0; direction < 2; direction++) {
        if (f64(books.queueOpen, book * 2 + direction) > 0) {
          this.move(action, book * 2 + direction, targetBook * 2 + direction, terms.quantityFactor);
        }
      }
    }
  }

  /** The opening price per share of a lot, in the terms of the contract it is now in. */
  openPriceOf(lot: number, price: Micro): Micro {
    return this.adjustedPrices.get(lot) ?? price;
  }

  /** The book a match of `episode` closed in: before a move, the episode's earlier book. */
  bookOfMatch(episode: number, match: number, current: number): number {
    const history = this.bookHistory.get(episode);
    if (history === undefined) return current;
    for (const entry of history) if (match < entry.until) return entry.book;
    return current;
  }

  private move(action: CorporateActionRec, queue: number, targetQueue: number, factor: Micro): void {
    const { fills, books, episodes, matches } = this.tables;
    const episode = i32(books.queueEpisode, queue);
    const head = i32(books.queueHead, queue);
    const tail = i32(books.queueTail, queue);
    const before = f64(books.queueOpen, queue);
    const after = factor === MICRO_PER_UNIT ? before : mul(before, factor);
    const repriced = action.sharesAfter !== action.sharesBefore;
    for (let lot = head; lot >= 0; lot = i32(fills.nextLot, lot)) {
      if (factor !== MICRO_PER_UNIT) fills.lotQuantity[lot] = mul(f64(fills.lotQuantity, lot), factor);
      if (repriced) {
        const price = this.adjustedPrices.get(lot) ?? f64(fills.price, lot);
        const perShare = mulRounded(price, action.sharesBefore, "half-even");
        this.adjustedPrices.set(lot, divRounded(perShare, action.sharesAfter, "half-even"));
      }
    }
    if (factor !== MICRO_PER_UNIT) {
      episodes.quantityOpened[episode] = mul(f64(episodes.quantityOpened, episode), factor);
    }
    const targetEpisode = i32(books.queueEpisode, targetQueue);
    const history = this.bookHistory.get(episode);
    const entry = { until: matches.count, book: queue >> 1 };
    if (history) history.push(entry);
    else this.bookHistory.set(episode, [entry]);
    if (targetEpisode < 0) {
      books.queueHead[targetQueue] = head;
      books.queueEpisode[targetQueue] = episode;
      episodes.book[episode] = targetQueue >> 1;
    } else {
      // The adjusted contract is already held (the source reported trades in it before the action's
      // date): one position now. The lots queue up behind it, and the moved episode ends here, in
      // the same chain.
      fills.nextLot[i32(books.queueTail, targetQueue)] = head;
      for (let lot = head; lot >= 0; lot = i32(fills.nextLot, lot)) fills.episode[lot] = targetEpisode;
      episodes.closedOn[episode] = action.date;
      episodes.outcome[episode] = TRADE;
      union(episodes.parent, episode, targetEpisode);
    }
    books.queueTail[targetQueue] = tail;
    books.queueOpen[targetQueue] = add(f64(books.queueOpen, targetQueue), after);
    books.queueHead[queue] = -1;
    books.queueTail[queue] = -1;
    books.queueEpisode[queue] = -1;
    books.queueOpen[queue] = 0;
    this.adjustments.push({
      action,
      episode: targetEpisode < 0 ? episode : targetEpisode,
      from: books.contract[queue >> 1] as ContractRec,
      to: books.contract[targetQueue >> 1] as ContractRec,
      quantityBefore: before,
      quantityAfter: after,
      short: (queue & 1) === SHORT,
    });
  }

  private bookIndex(): Map<string, number[]> {
    if (this.index !== null) return this.index;
    const index = new Map<string, number[]>();
    const { books } = this.tables;
    for (let book = 0; book < books.count; book++) this.indexBook(index, book);
    this.index = index;
    return index;
  }

  private indexBook(index: Map<string, number[]>, book: number): void {
    const { books } = this.tables;
    const key = keyOf(item(books.accountId, book), (books.contract[book] as ContractRec).underlying);
    const list = index.get(key);
    if (list) list.push(book);
    else index.set(key, [book]);
  }
}

function keyOf(accountId: string, underlying: string): string {
  return `${accountId}\u0000${underlying}`;
}
