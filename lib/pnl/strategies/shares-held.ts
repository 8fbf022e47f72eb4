import type { Micro } from "@/lib/money";
import type { StockAdjustment } from "../corporate-actions/adjust-stock";
import { type StockFlow, TRADE_PHASE } from "../internal-types";

/**
 * Shares an account held of a symbol at a given moment, for the covered-call label only. Read from
 * the stock ledger (lib/pnl/stock.ts) after its replay: each flow carries the position after it and
 * each corporate action the position it left, so nothing is parsed twice and renames and splits
 * count. A trade counts when it happened on an earlier day, or the same day at or before the instant
 * asked about; a delivery counts from the day after its event, since events settle after the day's
 * fills; an action counts from the start of its date.
 */
interface Change {
  day: number;
  /** -1 for an action (start of day), then the stock ledger's phases. */
  phase: number;
  time: number;
  position: Micro;
}

const ACTION_PHASE = -1;

export class SharesHeld {
  private bySymbol: Map<string, Change[]> | null = null;

  constructor(
    private readonly flows: readonly StockFlow[],
    private readonly adjustments: readonly StockAdjustment[],
  ) {}

  /** Shares held (negative when short) just after `time` (ms since the epoch) on trading day `day`. */
  at(accountId: string, symbol: string, day: number, time: number): Micro {
    const changes = this.index().get(`${accountId}\u0000${symbol}`);
    if (!changes) return 0;
    // The last change at or before the moment, by binary search over the replay order.
    let low = 0;
    let high = changes.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const change = changes[middle] as Change;
      const before =
        change.day < day ||
        (change.day === day &&
          (change.phase === ACTION_PHASE || (change.phase === TRADE_PHASE && change.time <= time)));
      if (before) low = middle + 1;
      else high = middle;
    }
    return low === 0 ? 0 : (changes[low - 1] as Change).position;
  }

  private index(): Map<string, Change[]> {
    if (this.bySymbol !== null) return this.bySymbol;
    const grouped = new Map<string, Change[]>();
    const push = (accountId: string, symbol: string, change: Change) => {
      const key = `${accountId}\u0000${symbol}`;
      const list = grouped.get(key);
      if (list) list.push(change);
      else grouped.set(key, [change]);
    };
    // The ledger's flows are in replay order already; actions are merged in by a stable sort.
    for (const flow of this.flows) {
      push(flow.accountId, flow.underlying, {
        day: flow.dayNumber,
        phase: flow.phase,
        time: flow.time,
        position: flow.positionAfter,
      });
    }
    for (const adjustment of this.adjustments) {
      push(adjustment.accountId, adjustment.underlying, {
        day: adjustment.dayNumber,
        phase: ACTION_PHASE,
        time: 0,
        position: adjustment.positionAfter,
      });
    }
    if (this.adjustments.length > 0) {
      for (const changes of grouped.values()) changes.sort((a, b) => a.day - b.day || a.phase - b.phase);
    }
    this.bySymbol = grouped;
    return grouped;
  }
}
