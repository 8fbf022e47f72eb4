import { add, type Micro, negate, tryParseDecimal } from "@/lib/money";
import { dayNumber } from "../dates";
import type { StockFlow } from "../internal-types";
import type { PnlStockTrade } from "../types";

/**
 * Shares an account held of a symbol at a given moment, for the covered-call label only (the stock
 * ledger itself is lib/pnl/stock.ts). Fed by equity trades (`input.stockTrades`) and by the shares
 * that assignments and exercises delivered. A trade counts when it happened on an earlier day, or
 * the same day at or before the instant asked about; an event counts from the day after its date,
 * since events settle after the day's fills.
 */
interface Change {
  day: number;
  /** The trade's instant, "" for events (they come after every fill of their day). */
  instant: string;
  shares: Micro;
}

export class SharesHeld {
  private bySymbol: Map<string, { changes: Change[]; running: Micro[] }> | null = null;

  constructor(
    private readonly trades: readonly PnlStockTrade[],
    private readonly flows: readonly StockFlow[],
  ) {}

  /** Shares held (negative when short) just after `instant` on trading day `day`. */
  at(accountId: string, symbol: string, day: number, instant: string): Micro {
    const entry = this.index().get(`${accountId}\u0000${symbol}`);
    if (!entry) return 0;
    const { changes, running } = entry;
    // The last change at or before the moment; changes are few per symbol, a binary search is plenty.
    let low = 0;
    let high = changes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const change = changes[middle] as Change;
      const before =
        change.day < day || (change.day === day && change.instant !== "" && change.instant <= instant);
      if (before) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? 0 : (running[low - 1] as Micro);
  }

  private index() {
    if (this.bySymbol !== null) return this.bySymbol;
    const grouped = new Map<string, Change[]>();
    const push = (accountId: string, symbol: string, change: Change) => {
      const key = `${accountId}\u0000${symbol}`;
      const list = grouped.get(key);
      if (list) list.push(change);
      else grouped.set(key, [change]);
    };
    for (const trade of this.trades) {
      const shares = tryParseDecimal(trade.quantity);
      const day = dayNumber(trade.tradeDate);
      // The ledger reports malformed trades; here they simply do not count.
      if (shares === null || Number.isNaN(day)) continue;
      push(trade.accountId, trade.symbol, {
        day,
        instant: trade.executedAt,
        shares: trade.side === "buy" ? shares : negate(shares),
      });
    }
    for (const flow of this.flows) {
      push(flow.accountId, flow.underlying, {
        day: flow.dayNumber,
        instant: "",
        shares: flow.buy ? flow.shares : negate(flow.shares),
      });
    }
    this.bySymbol = new Map();
    for (const [key, changes] of grouped) {
      // Events sort after the trades of their day ("" marks them), so a running sum answers `at`.
      changes.sort(
        (a, b) =>
          a.day - b.day ||
          (a.instant === b.instant
            ? 0
            : a.instant === ""
              ? 1
              : b.instant === ""
                ? -1
                : a.instant < b.instant
                  ? -1
                  : 1),
      );
      const running: Micro[] = [];
      let total: Micro = 0;
      for (const change of changes) {
        total = add(total, change.shares);
        running.push(total);
      }
      this.bySymbol.set(key, { changes, running });
    }
    return this.bySymbol;
  }
}
