import { add, type Micro, scaleRounded } from "@/lib/money";
import type { StockBook, StockLot } from "../stock";
import { AVERAGE_PRICE_ROUNDING } from "../valuation";
import type { CorporateActionRec } from "./parse-actions";

/**
 * A split's new share count per lot, `shares × after / before`, is rounded half-even to the micro,
 * once per lot and action: the one rounding of a stock adjustment. It is exact for whole-number
 * ratios and whenever the product has at most six decimals (101 shares after 3:2 is 151.5); a
 * broker pays cash in lieu of any fraction, which arrives as its own row. Cost and fees never change.
 */
export const SPLIT_SHARES_ROUNDING = "half-even" as const;

/** The shares an account holds of a symbol right after a corporate action changed them. */
export interface StockAdjustment {
  actionId: string;
  accountId: string;
  underlying: string;
  day: string;
  dayNumber: number;
  /** Signed shares held after the action (long positive). */
  positionAfter: Micro;
  /** Cost of the long shares held after it, fees included (unchanged by a split). */
  longCostAfter: Micro;
}

/**
 * Applies one rename or split to the account's stock books (docs/pnl-engine.md, "Corporate
 * actions"). A rename moves every lot of `symbol` to `newSymbol`, as it is; a split scales each
 * lot's shares by after / before and keeps its cost, so the per-share price scales by the inverse.
 * Neither realizes P&L or moves cash: the books' cash and realized figures stay where they were
 * booked. Returns the positions it changed (none when nothing was held).
 */
export function adjustStockBooks(
  action: CorporateActionRec,
  byKey: ReadonlyMap<string, StockBook>,
  bookFor: (accountId: string, symbol: string) => StockBook,
): StockAdjustment[] {
  const source = byKey.get(`${action.accountId}\u0000${action.symbol}`);
  if (source === undefined || source.lots.length === 0) return [];
  if (action.type === "split") {
    let position: Micro = 0;
    for (const lot of source.lots) {
      lot.shares = scaleRounded(lot.shares, action.sharesAfter, action.sharesBefore, SPLIT_SHARES_ROUNDING);
      // Shown per new share; the lot's cost, which P&L uses, is not touched.
      lot.price = scaleRounded(lot.price, action.sharesBefore, action.sharesAfter, AVERAGE_PRICE_ROUNDING);
      position = add(position, lot.direction === "long" ? lot.shares : -lot.shares);
    }
    source.position = position;
    return [adjustmentOf(action, source)];
  }
  const target = bookFor(action.accountId, action.newSymbol);
  // One FIFO queue under the new symbol: lots already held there (a source that reported the new
  // symbol early) and the moved ones, oldest first. Both hold the same direction in practice;
  // the account's position is the sum either way.
  target.lots = mergeByOpening(target.lots, source.lots);
  target.position = add(target.position, source.position);
  target.longCost = add(target.longCost, source.longCost);
  source.lots = [];
  source.position = 0;
  source.longCost = 0;
  return [adjustmentOf(action, source), adjustmentOf(action, target)];
}

function mergeByOpening(held: StockLot[], moved: StockLot[]): StockLot[] {
  if (held.length === 0) return moved;
  return [...held, ...moved].sort(
    (a, b) =>
      a.flow.dayNumber - b.flow.dayNumber ||
      a.flow.phase - b.flow.phase ||
      a.flow.time - b.flow.time ||
      (a.flow.id < b.flow.id ? -1 : a.flow.id > b.flow.id ? 1 : 0),
  );
}

function adjustmentOf(action: CorporateActionRec, book: StockBook): StockAdjustment {
  return {
    actionId: action.id,
    accountId: book.accountId,
    underlying: book.underlying,
    day: action.date,
    dayNumber: action.dayNumber,
    positionAfter: book.position,
    longCostAfter: book.longCost,
  };
}
