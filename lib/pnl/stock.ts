import { add, type Micro, negate, prorate, sub } from "@/lib/money";
import { adjustStockBooks, type StockAdjustment } from "./corporate-actions/adjust-stock";
import type { CorporateActionRec } from "./corporate-actions/parse-actions";
import type { StockFlow } from "./internal-types";
import type { Direction } from "./types";

/**
 * The stock ledger: one FIFO book per (account, symbol), fed by equity trades and by the shares that
 * assignments and exercises deliver, kept apart from the option figures. A buy first closes short
 * lots, a sale first closes long lots, and any rest opens a lot of its own direction, so short stock
 * exists only when more was sold than was held.
 *
 * Order: trading date; inside a date the trades (by instant) come before the deliveries of that
 * date's option events, as option events close lots after the fills of their date (DESIGN.md).
 * Flows sharing one moment (a date-only source gives every trade of a day one instant; the
 * deliveries of a day share theirs) follow the same-instant rule of the option lots: the flows that
 * the current position can absorb without changing sign go first, then the ones that add to it,
 * then the rest, each group by id. So a day's purchase and sale listed in either order never make a
 * short that no sale explains.
 *
 * Corporate actions apply at the start of their date, before its trades (as for option positions):
 * a rename moves the account's lots to the new symbol, a split scales their shares
 * (corporate-actions/adjust-stock.ts). Neither realizes anything or moves cash.
 */

export interface StockLot {
  flow: StockFlow;
  direction: Direction;
  shares: Micro;
  /** Opening price per share, in the terms of the symbol's latest split (display only). */
  price: Micro;
  /** Signed cash of the lot before fees: negative for a long (paid), positive for a short. */
  gross: Micro;
  fees: Micro;
}

export interface StockMatchRec {
  open: StockFlow;
  close: StockFlow;
  direction: Direction;
  shares: Micro;
  /** The opening lot's price per share, split-adjusted like its shares. */
  openPrice: Micro;
  openFees: Micro;
  closeFees: Micro;
  realized: Micro;
}

export interface StockBook {
  accountId: string;
  underlying: string;
  lots: StockLot[];
  /** Signed shares held (long positive). */
  position: Micro;
  /** Cash paid for the long shares still held, fees included (positive); kept as lots change. */
  longCost: Micro;
  cashFlow: Micro;
  realized: Micro;
}

export interface StockReplay {
  books: StockBook[];
  matches: StockMatchRec[];
  /** Every flow in replay order, with its realized P&L and the position after it filled in. */
  flows: StockFlow[];
  /** The position of each (account, symbol) a corporate action changed, right after it. */
  adjustments: StockAdjustment[];
}

export function compareStockFlows(a: StockFlow, b: StockFlow): number {
  return a.dayNumber - b.dayNumber || a.phase - b.phase || a.time - b.time || compareText(a.id, b.id);
}

export function replayStock(
  input: readonly StockFlow[],
  actions: readonly CorporateActionRec[] = [],
): StockReplay {
  const byKey = new Map<string, StockBook>();
  const ordered = [...input].sort(compareStockFlows);
  const matches: StockMatchRec[] = [];
  const flows: StockFlow[] = [];
  const adjustments: StockAdjustment[] = [];
  // Actions are in date order; each applies before the first flow of its date or later.
  let nextAction = 0;
  const applyActionsUntil = (day: number) => {
    while (nextAction < actions.length && (actions[nextAction] as CorporateActionRec).dayNumber <= day) {
      const action = actions[nextAction++] as CorporateActionRec;
      adjustments.push(
        ...adjustStockBooks(action, byKey, (accountId, symbol) => bookOf(byKey, accountId, symbol)),
      );
    }
  };
  // Flows are grouped by (book, moment); a moment's flows are applied by the same-instant rule.
  const groups = new Map<StockBook, StockFlow[]>();
  let start = 0;
  while (start < ordered.length) {
    const first = ordered[start] as StockFlow;
    if (nextAction < actions.length) applyActionsUntil(first.dayNumber);
    let end = start + 1;
    while (end < ordered.length && sameMoment(first, ordered[end] as StockFlow)) end++;
    groups.clear();
    for (let index = start; index < end; index++) {
      const flow = ordered[index] as StockFlow;
      const book = bookOf(byKey, flow.accountId, flow.underlying);
      const group = groups.get(book);
      if (group) group.push(flow);
      else groups.set(book, [flow]);
    }
    for (const [book, group] of groups) {
      for (const flow of sameInstantOrder(book.position, group)) {
        apply(book, flow, matches);
        flows.push(flow);
      }
    }
    start = end;
  }
  // Actions after the last flow still change the shares held now.
  applyActionsUntil(Number.MAX_SAFE_INTEGER);
  const books = [...byKey.values()].sort(
    (a, b) => compareText(a.underlying, b.underlying) || compareText(a.accountId, b.accountId),
  );
  return { books, matches, flows, adjustments };
}

function sameMoment(a: StockFlow, b: StockFlow): boolean {
  return a.dayNumber === b.dayNumber && a.phase === b.phase && a.time === b.time;
}

export function stockBookKey(accountId: string, symbol: string): string {
  return `${accountId}\u0000${symbol}`;
}

function bookOf(byKey: Map<string, StockBook>, accountId: string, underlying: string): StockBook {
  const key = stockBookKey(accountId, underlying);
  let book = byKey.get(key);
  if (!book) {
    book = {
      accountId,
      underlying,
      lots: [],
      position: 0,
      longCost: 0,
      cashFlow: 0,
      realized: 0,
    };
    byKey.set(key, book);
  }
  return book;
}

/**
 * The same-instant rule (see the file comment). `group` is already in id order; a flat position has
 * nothing to absorb, so purchases go first (a day trade buys before it sells).
 */
function sameInstantOrder(position: Micro, group: StockFlow[]): StockFlow[] {
  if (group.length === 1) return group;
  const reducesWhenBuy = position < 0;
  const absorbed: StockFlow[] = [];
  const adding: StockFlow[] = [];
  const rest: StockFlow[] = [];
  let room = position < 0 ? -position : position;
  for (const flow of group) {
    const reduces = position !== 0 && flow.buy === reducesWhenBuy;
    if (reduces && flow.shares <= room) {
      absorbed.push(flow);
      room -= flow.shares;
    } else if (reduces) rest.push(flow);
    else if (position === 0 && !flow.buy) rest.push(flow);
    else adding.push(flow);
  }
  return [...absorbed, ...adding, ...rest];
}

function apply(book: StockBook, flow: StockFlow, matches: StockMatchRec[]): void {
  const grossTotal = flow.buy ? negate(flow.gross) : flow.gross;
  book.cashFlow = add(book.cashFlow, sub(grossTotal, flow.fees));
  let shares = flow.shares;
  let gross = grossTotal;
  let fees = flow.fees;
  let realizedHere: Micro = 0;
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
    if (closes === "long") book.longCost = sub(book.longCost, sub(openFees, openGross));
    const realized = sub(add(openGross, closeGross), add(openFees, closeFees));
    realizedHere = add(realizedHere, realized);
    matches.push({
      open: lot.flow,
      close: flow,
      direction: closes,
      shares: take,
      openPrice: lot.price,
      openFees,
      closeFees,
      realized,
    });
    if (lot.shares === 0) book.lots.shift();
  }
  if (shares > 0) {
    book.lots.push({ flow, direction: flow.buy ? "long" : "short", shares, price: flow.price, gross, fees });
    if (flow.buy) book.longCost = add(book.longCost, sub(fees, gross));
  }
  book.realized = add(book.realized, realizedHere);
  book.position = flow.buy ? add(book.position, flow.shares) : sub(book.position, flow.shares);
  flow.realized = realizedHere;
  flow.positionAfter = book.position;
  flow.longCostAfter = book.longCost;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
