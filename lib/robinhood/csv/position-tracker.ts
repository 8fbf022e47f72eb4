import { add, type Micro, negate, parseDecimal } from "@/lib/money";
import type { OptionContract, PnlExecution, PnlLifecycleEvent } from "@/lib/pnl";

/**
 * Net open quantity per contract (long positive, short negative) from fills and events — enough for
 * an importer to tell which leg of a roll order closes and which contract a corporate action
 * replaced. The P&L itself is the engine's job.
 */
export class PositionTracker {
  private readonly positions = new Map<string, Micro>();

  static key(contract: OptionContract): string {
    return `${contract.underlying}|${contract.expiration}|${contract.optionType}|${parseDecimal(contract.strike)}`;
  }

  get(contract: OptionContract): Micro {
    return this.positions.get(PositionTracker.key(contract)) ?? 0;
  }

  applyExecution(execution: PnlExecution): void {
    const quantity = parseDecimal(execution.quantity);
    this.change(execution.contract, execution.side === "buy" ? quantity : negate(quantity));
  }

  applyEvent(event: PnlLifecycleEvent): void {
    const current = this.get(event.contract);
    const quantity = parseDecimal(event.quantity);
    // An event closes toward zero, never past it.
    if (current > 0) this.change(event.contract, negate(Math.min(quantity, current)));
    else if (current < 0) this.change(event.contract, Math.min(quantity, -current));
  }

  private change(contract: OptionContract, delta: Micro): void {
    const key = PositionTracker.key(contract);
    this.positions.set(key, add(this.positions.get(key) ?? 0, delta));
  }
}

/** Fills and events in date order (events after the fills of their date), for a tracker replay. */
export function replayUntil(
  tracker: PositionTracker,
  items: { executions: readonly PnlExecution[]; events: readonly PnlLifecycleEvent[] },
  beforeDate: string,
): void {
  const timeline: { date: string; order: number; apply: () => void }[] = [];
  for (const execution of items.executions) {
    if (execution.tradeDate < beforeDate) {
      timeline.push({ date: execution.tradeDate, order: 0, apply: () => tracker.applyExecution(execution) });
    }
  }
  for (const event of items.events) {
    if (event.date < beforeDate)
      timeline.push({ date: event.date, order: 1, apply: () => tracker.applyEvent(event) });
  }
  timeline.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  for (const item of timeline) item.apply();
}
