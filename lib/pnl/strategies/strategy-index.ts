import { add, formatMoney, formatQuantity, type Micro, mul } from "@/lib/money";
import { f64, i32, u8 } from "../cells";
import { fillAccount, fillContract, fillDate, fillId, fillOrderId } from "../fill-fields";
import { stableHash } from "../hash";
import { BUY, type ContractRec, DIRECTIONS, type FillTable, LONG, SHORT } from "../internal-types";
import { compareIds, compareOpeningThenId } from "../lots/compare";
import type { StrategyLabel, StrategyLeg, StrategyPosition } from "../result-types";
import type { StrategyTable } from "./group-strategies";
import type { SharesHeld } from "./shares-held";
import { classifyStrategy, type LegShape, STRATEGY_LABELS } from "./strategy-rules";

/**
 * Labels and rows of the strategy positions found by groupStrategies. Both are built on first use
 * (like the chains): a caller that needs only totals never classifies hundreds of thousands of them.
 */
export interface StrategyIndexTables {
  fills: FillTable;
  books: { contract: ContractRec[]; accountId: string[] };
  strategies: StrategyTable;
  shares: SharesHeld;
}

interface LegSum {
  contract: ContractRec;
  direction: number;
  quantity: Micro;
}

const UNLABELLED = 255;

export class StrategyIndex {
  private readonly labels: Uint8Array;

  constructor(private readonly tables: StrategyIndexTables) {
    this.labels = new Uint8Array(tables.strategies.count).fill(UNLABELLED);
  }

  /** The label of strategy `group` (its legs, when the caller has them already). */
  label(group: number, legs?: LegSum[]): StrategyLabel {
    let code = u8(this.labels, group);
    if (code === UNLABELLED) {
      code = STRATEGY_LABELS.indexOf(this.classify(group, legs ?? this.legs(group)));
      this.labels[group] = code;
    }
    return STRATEGY_LABELS[code] as StrategyLabel;
  }

  /** How many legs (contract and direction) strategy `group` opened. */
  legCount(group: number): number {
    return this.legs(group).length;
  }

  /** Every strategy position, by opening date, then id. */
  rows(chainIdOfFill: (fill: number) => string): StrategyPosition[] {
    const rows: StrategyPosition[] = [];
    for (let group = 0; group < this.tables.strategies.count; group++)
      rows.push(this.row(group, chainIdOfFill));
    return rows.sort(compareOpeningThenId);
  }

  private row(group: number, chainIdOfFill: (fill: number) => string): StrategyPosition {
    const { fills, books, strategies } = this.tables;
    const from = i32(strategies.start, group);
    const to = i32(strategies.start, group + 1);
    const first = i32(strategies.fills, from);
    let openingCash: Micro = 0;
    const ids: string[] = [];
    for (let at = from; at < to; at++) {
      const fill = i32(strategies.fills, at);
      openingCash = add(openingCash, f64(fills.cash, fill));
      ids.push(fillId(fills, fill));
    }
    const sums = this.legs(group);
    const legs: StrategyLeg[] = sums.map((leg) => ({
      contractKey: leg.contract.key,
      expiration: leg.contract.expiration,
      strike: leg.contract.strikeText,
      optionType: leg.contract.optionType,
      direction: DIRECTIONS[leg.direction] as "long" | "short",
      quantity: formatQuantity(leg.quantity),
    }));
    return {
      id: `st_${stableHash([fillAccount(fills, books, first), fillId(fills, first)])}`,
      accountId: fillAccount(fills, books, first),
      underlying: fillContract(fills, books, first).underlying,
      label: this.label(group, sums),
      openedOn: fillDate(fills, first),
      orderId: fillOrderId(fills, first),
      openingCash: formatMoney(openingCash),
      cashKind: openingCash > 0 ? "credit" : openingCash < 0 ? "debit" : "even",
      byRoll: strategies.byRoll[group] === 1,
      legs,
      chainId: chainIdOfFill(first),
      openExecutionIds: ids,
    };
  }

  /** The group's fills summed per (contract, direction), in (expiration, strike, key) order. */
  private legs(group: number): LegSum[] {
    const { fills, books, strategies } = this.tables;
    const legs: LegSum[] = [];
    for (let at = i32(strategies.start, group); at < i32(strategies.start, group + 1); at++) {
      const fill = i32(strategies.fills, at);
      const contract = books.contract[i32(fills.book, fill)] as ContractRec;
      // An opening buy is long, an opening sell short.
      const direction = (u8(fills.flags, fill) & BUY) !== 0 ? LONG : SHORT;
      const leg = legs.find((item) => item.contract === contract && item.direction === direction);
      if (leg) leg.quantity = add(leg.quantity, f64(fills.quantity, fill));
      else legs.push({ contract, direction, quantity: f64(fills.quantity, fill) });
    }
    return legs.sort(byContractThenDirection);
  }

  private classify(group: number, legs: LegSum[]): StrategyLabel {
    const { fills, books, strategies, shares } = this.tables;
    const shapes: LegShape[] = legs.map((leg) => ({
      optionType: leg.contract.optionType,
      direction: DIRECTIONS[leg.direction] as "long" | "short",
      strike: leg.contract.strike,
      expirationDay: leg.contract.expirationDay,
      quantity: leg.quantity,
    }));
    return classifyStrategy(shapes, () => {
      const leg = legs[0] as LegSum;
      const first = i32(strategies.fills, i32(strategies.start, group));
      const held = shares.at(
        fillAccount(fills, books, first),
        leg.contract.underlying,
        i32(fills.day, first),
        f64(fills.time, first),
      );
      return held >= mul(leg.quantity, leg.contract.multiplier);
    });
  }
}

// Defined once: a comparator made per call is compiled again after every recompute.
function byContractThenDirection(a: LegSum, b: LegSum): number {
  return (
    a.contract.expirationDay - b.contract.expirationDay ||
    a.contract.strike - b.contract.strike ||
    compareIds(a.contract.key, b.contract.key) ||
    a.direction - b.direction
  );
}
