import { add, type Micro, prorate } from "@/lib/money";
import { f64, i32 } from "../cells";
import type { BookTable, ContractRec, FillTable } from "../internal-types";
import { anchorShape } from "../shape-anchors";
import { createWorkTables } from "../tables";
import type { IntList } from "./int-list";

/**
 * Pairs the closing and opening fills of one roll group (same account, underlying, call/put,
 * direction and trading day, or one order) contract by contract, never order by order.
 *
 * Fills are first summed per contract (a "side"); sides are taken in (expiration, strike) order and
 * quantities are matched greedily, each close against the opens that are still unmatched, never
 * against its own contract (closing and reopening one contract is not a roll). What is left over
 * joins the last pair of its side, so a resized roll (close 2, open 3) is one roll of 2 → 3, and a
 * contract with no partner at all stays a plain open or close.
 *
 * One `RollPairing` serves every group of a detection run: its sides and pairs are columns it
 * reuses, since a large history has hundreds of thousands of groups.
 */

export interface PairingTables {
  fills: FillTable;
  books: BookTable;
}

export class RollPairing {
  /** How many pairs the last `pair` call found; pair p is `from[p]` → `to[p]` with these sums. */
  pairCount = 0;
  readonly from: ContractRec[] = [];
  readonly to: ContractRec[] = [];
  closeQuantity = new Float64Array(16);
  openQuantity = new Float64Array(16);
  closeCash = new Float64Array(16);
  openCash = new Float64Array(16);
  private pairOpenSide = new Int32Array(16);

  // Sides of the current group: the closes' first, then the opens'.
  private readonly sideContract: ContractRec[] = [];
  private sideCount = 0;
  private restQuantity = new Float64Array(16);
  private restCash = new Float64Array(16);
  private lastPair = new Int32Array(16);
  // Side indexes in (expiration, strike) order: closes' sides, then opens' sides.
  private sorted = new Int32Array(16);

  constructor(private readonly tables: PairingTables) {}

  /** The contract of a fill. */
  contractOf(fill: number): ContractRec {
    return this.tables.books.contract[i32(this.tables.fills.book, fill)] as ContractRec;
  }

  /**
   * The quantity of a fill that can roll: for a close, only what really closed lots (an unmatched
   * close has nothing to carry over).
   */
  rollingQuantity(fill: number, closing: boolean): Micro {
    const fills = this.tables.fills;
    return (closing ? fills.matchedQuantity[fill] : fills.quantity[fill]) as number;
  }

  /** Pairs `closes` with `opens`; returns the number of pairs, left in the pair columns. */
  pair(closes: IntList, opens: IntList): number {
    this.reserve(closes.length + opens.length);
    this.sideCount = 0;
    this.pairCount = 0;
    const closeSides = this.addSides(closes, true);
    const openSides = this.addSides(opens, false);
    const sorted = this.sorted;
    for (let f = 0; f < closeSides; f++) {
      const from = i32(sorted, f);
      for (let t = closeSides; t < closeSides + openSides; t++) {
        if (this.restQuantity[from] === 0) break;
        const to = i32(sorted, t);
        if (this.restQuantity[to] === 0 || this.sideContract[to] === this.sideContract[from]) continue;
        const take = Math.min(f64(this.restQuantity, from), f64(this.restQuantity, to));
        let pair = i32(this.lastPair, from);
        if (pair < 0 || this.pairOpenSide[pair] !== to) pair = this.newPair(from, to);
        this.closeQuantity[pair] = add(f64(this.closeQuantity, pair), take);
        this.openQuantity[pair] = add(f64(this.openQuantity, pair), take);
        this.closeCash[pair] = add(f64(this.closeCash, pair), this.takeCash(from, take));
        this.openCash[pair] = add(f64(this.openCash, pair), this.takeCash(to, take));
        this.lastPair[from] = pair;
        this.lastPair[to] = pair;
      }
    }
    for (let index = 0; index < closeSides + openSides; index++) {
      const side = i32(sorted, index);
      const pair = i32(this.lastPair, side);
      const rest = f64(this.restQuantity, side);
      if (pair < 0 || rest === 0) continue;
      if (index < closeSides) {
        this.closeQuantity[pair] = add(f64(this.closeQuantity, pair), rest);
        this.closeCash[pair] = add(f64(this.closeCash, pair), this.takeCash(side, rest));
      } else {
        this.openQuantity[pair] = add(f64(this.openQuantity, pair), rest);
        this.openCash[pair] = add(f64(this.openCash, pair), this.takeCash(side, rest));
      }
    }
    return this.pairCount;
  }

  /** Sums `list` per contract into new sides, sorts them, and returns how many there are. */
  private addSides(list: IntList, closing: boolean): number {
    const fills = this.tables.fills;
    const first = this.sideCount;
    for (let index = 0; index < list.length; index++) {
      const fill = list.at(index);
      const quantity = this.rollingQuantity(fill, closing);
      if (quantity === 0) continue;
      const cash = (closing ? fills.matchedCash[fill] : fills.cash[fill]) as number;
      const contract = this.contractOf(fill);
      // A handful of contracts at most: a scan beats a map.
      let side = first;
      while (side < this.sideCount && this.sideContract[side] !== contract) side++;
      if (side === this.sideCount) {
        this.sideContract[side] = contract;
        this.restQuantity[side] = 0;
        this.restCash[side] = 0;
        this.lastPair[side] = -1;
        this.sideCount++;
      }
      this.restQuantity[side] = add(f64(this.restQuantity, side), quantity);
      this.restCash[side] = add(f64(this.restCash, side), cash);
    }
    // Insertion sort of the new sides by (expiration, strike, key): there are only a few.
    for (let side = first; side < this.sideCount; side++) {
      let position = side;
      while (position > first && compareSides(this.sideContract, i32(this.sorted, position - 1), side) > 0) {
        this.sorted[position] = i32(this.sorted, position - 1);
        position--;
      }
      this.sorted[position] = side;
    }
    return this.sideCount - first;
  }

  private newPair(from: number, to: number): number {
    const pair = this.pairCount++;
    this.from[pair] = this.sideContract[from] as ContractRec;
    this.to[pair] = this.sideContract[to] as ContractRec;
    this.pairOpenSide[pair] = to;
    this.closeQuantity[pair] = 0;
    this.openQuantity[pair] = 0;
    this.closeCash[pair] = 0;
    this.openCash[pair] = 0;
    return pair;
  }

  /** Takes `quantity` of a side with its pro-rata share of the side's cash. */
  private takeCash(side: number, quantity: Micro): Micro {
    const cash = prorate(f64(this.restCash, side), quantity, f64(this.restQuantity, side));
    this.restCash[side] = f64(this.restCash, side) - cash;
    this.restQuantity[side] = f64(this.restQuantity, side) - quantity;
    return cash;
  }

  /** Makes every column hold `sides` sides, and as many pairs (a greedy pass makes fewer). */
  private reserve(sides: number): void {
    if (sides <= this.restQuantity.length) return;
    let capacity = this.restQuantity.length;
    while (capacity < sides) capacity *= 2;
    this.closeQuantity = new Float64Array(capacity);
    this.openQuantity = new Float64Array(capacity);
    this.closeCash = new Float64Array(capacity);
    this.openCash = new Float64Array(capacity);
    this.pairOpenSide = new Int32Array(capacity);
    this.restQuantity = new Float64Array(capacity);
    this.restCash = new Float64Array(capacity);
    this.lastPair = new Int32Array(capacity);
    this.sorted = new Int32Array(capacity);
  }
}

function compareSides(contracts: readonly ContractRec[], a: number, b: number): number {
  const x = contracts[a] as ContractRec;
  const y = contracts[b] as ContractRec;
  return (
    x.expirationDay - y.expirationDay || x.strike - y.strike || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0)
  );
}

// See shape-anchors.ts.
anchorShape(new RollPairing(createWorkTables(0, 0)));
