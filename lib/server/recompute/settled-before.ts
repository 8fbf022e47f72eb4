import "server-only";
import { dayNumber, type PnlColumns } from "@/lib/pnl";

/**
 * Of the underlyings an incremental recompute replays, the date before which each one's rows are
 * settled: the earliest date a change was recorded at (`changedFrom`), unless an input dated from it
 * on names a contract that expired before it.
 *
 * Why rows that ended before that date cannot have changed (docs/RECOMPUTE.md, "Rows that ended
 * before the change"): the engine replays fills in trade-date order and a date's events after its
 * fills, and everything it links stays inside one trading day (rolls, strategies) or follows time
 * (FIFO lots, the stock ledger, wheel cycles, which end at the first moment nothing is held). So
 * inputs dated from D on cannot reach a lot, chain or cycle that ended before D, nor a day before D.
 * The exception is a contract that expired before D with lots left open: the engine closes those at
 * the end of the replay (an inferred expiry), so an event or fill dated from D on for that contract
 * still finds them open. Such an underlying compares all its rows (it is left out here).
 */
export function settledBefore(
  input: PnlColumns,
  changedFrom: ReadonlyMap<string, string>,
): Map<string, string> {
  const settled = new Map(changedFrom);
  if (settled.size === 0) return settled;
  const changedDay = new Map([...changedFrom].map(([underlying, day]) => [underlying, dayNumber(day)]));
  const { contracts, executions } = input;
  // Per contract: the day its underlying's changes start at, when the contract expired before it.
  const lateFrom = new Float64Array(contracts.count).fill(Number.POSITIVE_INFINITY);
  for (let contract = 0; contract < contracts.count; contract++) {
    const from = changedDay.get(contracts.underlying[contract] as string);
    if (from !== undefined && (contracts.expirationDay[contract] as number) < from) lateFrom[contract] = from;
  }
  for (let fill = 0; fill < executions.count; fill++) {
    const contract = executions.contract[fill] as number;
    if ((executions.tradeDay[fill] as number) >= (lateFrom[contract] as number))
      settled.delete(contracts.underlying[contract] as string);
  }
  for (const event of input.events) {
    const from = settled.get(event.contract.underlying);
    if (from !== undefined && event.date >= from && event.contract.expiration < from)
      settled.delete(event.contract.underlying);
  }
  return settled;
}
