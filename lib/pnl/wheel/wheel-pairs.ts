import { i32, item, u8 } from "../cells";
import type { AdjustmentRec } from "../corporate-actions/apply-actions";
import { type BookTable, BUY, type FillTable, type MatchTable, OPEN } from "../internal-types";

/** What says which (account, underlying) each fill and closed lot belongs to, and which pairs write options. */
export interface WheelPairSource {
  fills: FillTable;
  books: BookTable;
  matches: MatchTable;
  /** Option positions a rename or split moved into adjusted contracts. */
  optionAdjustments: readonly AdjustmentRec[];
  /** The book a match closed in, when corporate actions may have moved its lot; else its fill's. */
  bookOfMatch: ((match: number) => number) | null;
}

/**
 * Numbers each (account, underlying) met (a book's pair is looked up once), and knows which pairs
 * are wheels: pairs that write an option at some step, by a fill that opens a short or a short moved
 * into them. Only a wheel's steps are made; the `…Wheel` lookups answer -1 for any other pair.
 */
export class WheelPairs {
  private readonly numbers = new Map<string, number>();
  private readonly pairs: { accountId: string; underlying: string }[] = [];
  private readonly byBook: Int32Array;
  /** By pair number: true for a wheel. Every wheel is numbered once the constructor returns. */
  readonly wheels: boolean[] = [];

  constructor(private readonly source: WheelPairSource) {
    this.byBook = new Int32Array(source.books.count).fill(-1);
    this.markWritingFills();
    for (const adjustment of source.optionAdjustments) {
      if (adjustment.short)
        this.wheels[this.of(adjustment.action.accountId, adjustment.to.underlying)] = true;
    }
  }

  /** The pair's number when it is a wheel, else -1. */
  wheelOf(accountId: string, underlying: string): number {
    return this.ifWheel(this.of(accountId, underlying));
  }

  /** The wheel a fill belongs to, or -1. */
  fillWheel(fill: number): number {
    return this.ifWheel(this.ofBook(i32(this.source.fills.book, fill)));
  }

  /** The wheel a closed lot belongs to, or -1. */
  matchWheel(match: number): number {
    return this.ifWheel(this.ofBook(this.bookOfMatch(match)));
  }

  /** A lot moved by a rename closes under the new symbol, where the moved short put now counts. */
  bookOfMatch(match: number): number {
    const { fills, matches, bookOfMatch } = this.source;
    return bookOfMatch === null ? i32(fills.book, i32(matches.lot, match)) : bookOfMatch(match);
  }

  of(accountId: string, underlying: string): number {
    const key = `${accountId}\u0000${underlying}`;
    let pair = this.numbers.get(key);
    if (pair === undefined) {
      pair = this.pairs.length;
      this.pairs.push({ accountId, underlying });
      this.numbers.set(key, pair);
    }
    return pair;
  }

  pair(pair: number): { accountId: string; underlying: string } {
    return item(this.pairs, pair);
  }

  private ofBook(book: number): number {
    const known = i32(this.byBook, book);
    if (known >= 0) return known;
    const { books } = this.source;
    const pair = this.of(item(books.accountId, book), item(books.contract, book).underlying);
    this.byBook[book] = pair;
    return pair;
  }

  private ifWheel(pair: number): number {
    return this.wheels[pair] === true ? pair : -1;
  }

  private markWritingFills(): void {
    const { fills } = this.source;
    for (let fill = 0; fill < fills.count; fill++) {
      const flags = u8(fills.flags, fill);
      if ((flags & OPEN) !== 0 && (flags & BUY) === 0) this.wheels[this.ofBook(i32(fills.book, fill))] = true;
    }
  }
}
