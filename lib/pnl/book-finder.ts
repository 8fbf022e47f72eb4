import { item } from "./cells";
import type { BookTable, ContractRec } from "./internal-types";
import { anchorShape } from "./shape-anchors";
import { createWorkTables, reserveRow } from "./tables";

/** Finds or opens the book of (account, contract). */
export class BookFinder {
  // Books of a contract's second and later accounts (rare), by contract index and account.
  private readonly otherBooks = new Map<string, number>();
  // Roll classes: one number per (account, underlying) pair, by account, then underlying.
  private readonly pairs = new Map<string, Map<string, number>>();
  private pairCount = 0;

  constructor(private readonly books: BookTable) {}

  bookFor(contract: ContractRec, accountId: string): number {
    const books = this.books;
    const first = contract.firstBook;
    // Almost every contract is traded from one account: check its first book before searching.
    if (first >= 0 && books.accountId[first] === accountId) return first;
    if (first >= 0) {
      const key = `${contract.index}\u0000${accountId}`;
      const known = this.otherBooks.get(key);
      if (known !== undefined) return known;
      const book = this.newBook(contract, accountId);
      this.otherBooks.set(key, book);
      return book;
    }
    const book = this.newBook(contract, accountId);
    contract.firstBook = book;
    return book;
  }

  private newBook(contract: ContractRec, accountId: string): number {
    const books = this.books;
    const classId = this.rollClassOf(accountId, contract) * 2 + (contract.optionType === "call" ? 0 : 1);
    const book = reserveRow(books);
    books.contract[book] = contract;
    books.accountId[book] = accountId;
    books.rollClass[book] = classId * 2;
    books.expirationDay[book] = contract.expirationDay;
    for (let queue = book * 2; queue < book * 2 + 2; queue++) {
      books.queueHead[queue] = -1;
      books.queueTail[queue] = -1;
      books.queueEpisode[queue] = -1;
    }
    return book;
  }

  private rollClassOf(accountId: string, contract: ContractRec): number {
    let byUnderlying = this.pairs.get(accountId);
    if (byUnderlying === undefined) {
      byUnderlying = new Map();
      this.pairs.set(accountId, byUnderlying);
    }
    let pair = byUnderlying.get(contract.underlying);
    if (pair === undefined) {
      pair = this.pairCount++;
      byUnderlying.set(contract.underlying, pair);
    }
    return pair;
  }
}

/** Canonical book order: underlying, expiration, call/put, strike, multiplier, account. */
export function compareBooks(books: BookTable, a: number, b: number): number {
  const x = books.contract[a] as ContractRec;
  const y = books.contract[b] as ContractRec;
  if (x !== y) {
    if (x.underlying !== y.underlying) return x.underlying < y.underlying ? -1 : 1;
    if (x.expirationDay !== y.expirationDay) return x.expirationDay - y.expirationDay;
    if (x.optionType !== y.optionType) return x.optionType < y.optionType ? -1 : 1;
    if (x.strike !== y.strike) return x.strike - y.strike;
    return x.multiplier - y.multiplier;
  }
  const p = item(books.accountId, a);
  const q = item(books.accountId, b);
  return p < q ? -1 : p > q ? 1 : 0;
}

// See shape-anchors.ts.
anchorShape(new BookFinder(createWorkTables(0, 0).books));
