import { abs, add, formatMoney, type Micro, ZERO } from "@/lib/money";
import { heatLevel } from "../calendar-grid";
import { UNKNOWN_GROUP } from "../grouping";
import { breakdownGroupLabel } from "./breakdown-groups";

/**
 * Net premium per underlying and strategy: every chain's option cash (credits received − debits
 * paid, fees included, the chain's `netPremium`), summed exactly. The heat map shades a cell by its
 * size against the largest cell, in the calendar's four levels; the signed figure is always written.
 */
export type NetPremiumCell = {
  underlying: string;
  strategy: string | null;
  netPremium: Micro;
  chains: number;
};

export type NetPremiumGridCell = {
  value: string | null;
  chains: number;
  sign: "credit" | "debit" | "even" | "none";
  level: number;
};

export type NetPremiumGrid = {
  strategies: { key: string; label: string; total: string }[];
  rows: { underlying: string; cells: NetPremiumGridCell[]; total: string }[];
  total: string;
};

const signOf = (value: Micro): NetPremiumGridCell["sign"] =>
  value > 0 ? "credit" : value < 0 ? "debit" : "even";

export function netPremiumGrid(cells: readonly NetPremiumCell[]): NetPremiumGrid {
  const byKey = new Map<string, { value: Micro; chains: number }>();
  const underlyings = new Set<string>();
  const strategies = new Set<string>();
  let largest = ZERO;
  for (const cell of cells) {
    const strategy = cell.strategy ?? UNKNOWN_GROUP;
    underlyings.add(cell.underlying);
    strategies.add(strategy);
    const key = `${cell.underlying}|${strategy}`;
    const known = byKey.get(key) ?? { value: ZERO, chains: 0 };
    known.value = add(known.value, cell.netPremium);
    known.chains += cell.chains;
    byKey.set(key, known);
  }
  for (const { value } of byKey.values()) if (abs(value) > largest) largest = abs(value);

  const columnKeys = [...strategies].sort((a, b) =>
    a === UNKNOWN_GROUP ? 1 : b === UNKNOWN_GROUP ? -1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const columnTotals = columnKeys.map(() => ZERO);
  let total = ZERO;
  const rows = [...underlyings].sort().map((underlying) => {
    let rowTotal = ZERO;
    const rowCells = columnKeys.map((strategy, column): NetPremiumGridCell => {
      const known = byKey.get(`${underlying}|${strategy}`);
      if (!known) return { value: null, chains: 0, sign: "none", level: 0 };
      rowTotal = add(rowTotal, known.value);
      columnTotals[column] = add(columnTotals[column] ?? ZERO, known.value);
      return {
        value: formatMoney(known.value),
        chains: known.chains,
        sign: signOf(known.value),
        level: heatLevel(known.value, largest),
      };
    });
    total = add(total, rowTotal);
    return { underlying, cells: rowCells, total: formatMoney(rowTotal) };
  });
  return {
    strategies: columnKeys.map((key, column) => ({
      key,
      label: breakdownGroupLabel("strategy", key),
      total: formatMoney(columnTotals[column] ?? ZERO),
    })),
    rows,
    total: formatMoney(total),
  };
}
