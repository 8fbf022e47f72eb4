import { add, formatMoney, type Micro } from "@/lib/money";
import { formatDay } from "./dates";
import type { DaySummary } from "./result-types";
import { anchorShape } from "./shape-anchors";

interface DaySums {
  realized: Micro;
  fees: Micro;
  cashFlow: Micro;
  stockRealized: Micro;
}

/**
 * Per-trading-day sums, filled while the replay runs: realized P&L on the day a lot closes, fees
 * and cash on the day of the fill, stock P&L on the day of the delivering event.
 */
export class DayLedger {
  private readonly days = new Map<number, DaySums>();
  // Neighbouring records usually share a day; remembering the last one skips most lookups.
  private lastDay = Number.NaN;
  private last: DaySums | null = null;

  private get(dayNumber: number): DaySums {
    if (dayNumber === this.lastDay && this.last !== null) return this.last;
    let entry = this.days.get(dayNumber);
    if (!entry) {
      entry = { realized: 0, fees: 0, cashFlow: 0, stockRealized: 0 };
      this.days.set(dayNumber, entry);
    }
    this.lastDay = dayNumber;
    this.last = entry;
    return entry;
  }

  realized(dayNumber: number, value: Micro): void {
    const entry = this.get(dayNumber);
    entry.realized = add(entry.realized, value);
  }

  fill(dayNumber: number, fees: Micro, cash: Micro): void {
    const entry = this.get(dayNumber);
    entry.fees = add(entry.fees, fees);
    entry.cashFlow = add(entry.cashFlow, cash);
  }

  stock(dayNumber: number, value: Micro): void {
    const entry = this.get(dayNumber);
    entry.stockRealized = add(entry.stockRealized, value);
  }

  summaries(): DaySummary[] {
    return [...this.days.entries()].sort(byDay).map(([day, entry]) => ({
      date: formatDay(day),
      realized: formatMoney(entry.realized),
      fees: formatMoney(entry.fees),
      cashFlow: formatMoney(entry.cashFlow),
      stockRealized: formatMoney(entry.stockRealized),
    }));
  }
}

// See shape-anchors.ts.
anchorShape(new DayLedger());

// Defined once: a comparator made per call is compiled again after every recompute.
function byDay([a]: [number, unknown], [b]: [number, unknown]): number {
  return a - b;
}
