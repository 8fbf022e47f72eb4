import { add, type Micro, prorate } from "@/lib/money";
import type { BookTable, ContractRec, FillTable } from "../internal-types";

/**
 * Pairs the closing and opening fills of one roll group (same account, underlying, call/put,
 * direction and trading day, or one order) contract by contract, never order by order.
 *
 * Fills are first summed per contract; contracts are taken in (expiration, strike) order and
 * quantities are matched greedily, each close against the opens that are still unmatched, never
 * against its own contract (closing and reopening one contract is not a roll). What is left over
 * joins the last pair of its contract, so a resized roll (close 2, open 3) is one roll of 2 → 3, and
 * a contract with no partner at all stays a plain open or close.
 */

export interface RollSide {
  contract: ContractRec;
  quantity: Micro;
  cash: Micro;
  fills: number[];
  restQuantity: Micro;
  restCash: Micro;
  lastPair: RollPair | null;
}

export interface RollPair {
  from: RollSide;
  to: RollSide;
  closeQuantity: Micro;
  openQuantity: Micro;
  closeCash: Micro;
  openCash: Micro;
}

export interface PairingTables {
  fills: FillTable;
  books: BookTable;
}

export function pairRollFills(
  tables: PairingTables,
  closes: readonly number[],
  opens: readonly number[],
): RollPair[] {
  const closeSides = sidesOf(tables, closes, true);
  const openSides = sidesOf(tables, opens, false);
  const pairs: RollPair[] = [];
  for (const from of closeSides) {
    for (const to of openSides) {
      if (from.restQuantity === 0) break;
      if (to.restQuantity === 0 || to.contract === from.contract) continue;
      const take = Math.min(from.restQuantity, to.restQuantity);
      let pair = from.lastPair !== null && from.lastPair.to === to ? from.lastPair : null;
      if (pair === null) {
        pair = { from, to, closeQuantity: 0, openQuantity: 0, closeCash: 0, openCash: 0 };
        pairs.push(pair);
      }
      pair.closeQuantity = add(pair.closeQuantity, take);
      pair.openQuantity = add(pair.openQuantity, take);
      pair.closeCash = add(pair.closeCash, takeCash(from, take));
      pair.openCash = add(pair.openCash, takeCash(to, take));
      from.lastPair = pair;
      to.lastPair = pair;
    }
  }
  for (const side of closeSides) {
    if (side.lastPair === null || side.restQuantity === 0) continue;
    side.lastPair.closeQuantity = add(side.lastPair.closeQuantity, side.restQuantity);
    side.lastPair.closeCash = add(side.lastPair.closeCash, takeCash(side, side.restQuantity));
  }
  for (const side of openSides) {
    if (side.lastPair === null || side.restQuantity === 0) continue;
    side.lastPair.openQuantity = add(side.lastPair.openQuantity, side.restQuantity);
    side.lastPair.openCash = add(side.lastPair.openCash, takeCash(side, side.restQuantity));
  }
  return pairs;
}

function takeCash(side: RollSide, quantity: Micro): Micro {
  const cash = prorate(side.restCash, quantity, side.restQuantity);
  side.restCash -= cash;
  side.restQuantity -= quantity;
  return cash;
}

function sidesOf({ fills, books }: PairingTables, list: readonly number[], closing: boolean): RollSide[] {
  // A handful of contracts at most: a list is cheaper than a map.
  const sides: RollSide[] = [];
  for (const fill of list) {
    const contract = books.contract[fills.book[fill] as number] as ContractRec;
    // Only quantity that really closed lots can roll; an unmatched close has nothing to carry over.
    const quantity = (closing ? fills.matchedQuantity[fill] : fills.quantity[fill]) as number;
    const cash = (closing ? fills.matchedCash[fill] : fills.cash[fill]) as number;
    if (quantity === 0) continue;
    let side = sides.find((candidate) => candidate.contract === contract);
    if (!side) {
      side = { contract, quantity: 0, cash: 0, fills: [], restQuantity: 0, restCash: 0, lastPair: null };
      sides.push(side);
    }
    side.quantity = add(side.quantity, quantity);
    side.cash = add(side.cash, cash);
    side.fills.push(fill);
  }
  for (const side of sides) {
    side.restQuantity = side.quantity;
    side.restCash = side.cash;
  }
  return sides.sort(
    (a, b) =>
      a.contract.expirationDay - b.contract.expirationDay ||
      a.contract.strike - b.contract.strike ||
      (a.contract.key < b.contract.key ? -1 : a.contract.key > b.contract.key ? 1 : 0),
  );
}
