import "server-only";
import type { RobinhoodSession } from "@/lib/robinhood/client";
import type { SnapshotMark } from "./robinhood-snapshot";

/**
 * Latest mark prices (market data `mark_price`, timestamped by the record's `updated_at`) for the
 * given contracts, with the Greeks and implied volatility of the same record (the Risk page's
 * inputs). Contracts Robinhood has no data for come back as null slots and get no mark; a Greek the
 * record leaves out (or sends as null) stays null, never 0.
 */
export async function fetchMarks(session: RobinhoodSession, ids: readonly string[]): Promise<SnapshotMark[]> {
  if (ids.length === 0) return [];
  const records = await session.getOptionMarketData(ids);
  return records.map((record) => ({
    instrumentRobinhoodId: record.instrument_id.toLowerCase(),
    asOf: new Date(record.updated_at),
    markPrice: record.mark_price,
    delta: record.delta ?? null,
    gamma: record.gamma ?? null,
    theta: record.theta ?? null,
    vega: record.vega ?? null,
    rho: record.rho ?? null,
    impliedVolatility: record.implied_volatility ?? null,
  }));
}
