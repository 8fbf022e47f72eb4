import { add, type Micro, mul, negate, prorate, sub } from "@/lib/money";
import type { StockFlow } from "./internal-types";
import type { Direction } from "./types";

/**
 * Stock delivered by assignments and exercises, kept apart from the option figures. Lots are FIFO
 * per (account, underlying): a delivery first closes lots of the opposite direction (a called-away
 * position after a put assignment realizes the stock gain), and any rest opens a new lot.
 */

export interface StockLot {
  flow: StockFlow;
  direction: Direction;
  shares: Micro;
  gross: Micro;
  fees: Micro;
}

export interface StockMatchRec {
  open: StockFlow;
  close: StockFlow;
  direction: Direction;
  shares: Micro;
  realized: Micro;
}

export interface StockBook {
  accountId: string;
  underlying: string;
  lots: StockLot[];
  cashFlow: Micro;
  realized: Micro;
}

export interface StockReplay {
  books: StockBook[];
  matches: StockMatchRec[];
}

export function replayStock(flows: readonly StockFlow[]): StockReplay {
  const byKey = new Map<string, StockBook>();
  const ordered = [...flows].sort(
    (a, b) =>
      a.event.dayNumber - b.event.dayNumber ||
      (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0),
  );
  const matches: StockMatchRec[] = [];
  for (const flow of ordered) {
    const key = `${flow.accountId}\u0000${flow.underlying}`;
    let book = byKey.get(key);
    if (!book) {
      book = { accountId: flow.accountId, underlying: flow.underlying, lots: [], cashFlow: 0, realized: 0 };
      byKey.set(key, book);
    }
    apply(book, flow, matches);
  }
  const books = [...byKey.values()].sort((a, b) =>
    a.underlying === b.underlying
      ? a.accountId < b.accountId
        ? -1
        : 1
      : a.underlying < b.underlying
        ? -1
        : 1,
  );
  return { books, matches };
}

function apply(book: StockBook, flow: StockFlow, matches: StockMatchRec[]): void {
  const grossTotal = flow.buy ? negate(mul(flow.price, flow.shares)) : mul(flow.price, flow.shares);
  book.cashFlow = add(book.cashFlow, sub(grossTotal, flow.fees));
  let shares = flow.shares;
  let gross = grossTotal;
  let fees = flow.fees;
  const closes: Direction = flow.buy ? "short" : "long";
  while (shares > 0 && book.lots.length > 0 && book.lots[0]?.direction === closes) {
    const lot = book.lots[0];
    const take = Math.min(lot.shares, shares);
    const openGross = prorate(lot.gross, take, lot.shares);
    const openFees = prorate(lot.fees, take, lot.shares);
    const closeGross = prorate(gross, take, shares);
    const closeFees = prorate(fees, take, shares);
    lot.shares -= take;
    lot.gross -= openGross;
    lot.fees -= openFees;
    shares -= take;
    gross -= closeGross;
    fees -= closeFees;
    const realized = sub(add(openGross, closeGross), add(openFees, closeFees));
    book.realized = add(book.realized, realized);
    matches.push({ open: lot.flow, close: flow, direction: closes, shares: take, realized });
    if (lot.shares === 0) book.lots.shift();
  }
  if (shares > 0) {
    book.lots.push({ flow, direction: flow.buy ? "long" : "short", shares, gross, fees });
  }
}
