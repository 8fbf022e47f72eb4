import "server-only";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { OPTION_MARK_TABLE } from "@/lib/server/marks/market-data-source";
import type { SnapshotMark } from "./robinhood-snapshot";

type StoredMark = Omit<SnapshotMark, "instrumentRobinhoodId"> & { instrumentId: string };

/**
 * Marks are keyed by (contract, as_of) and a re-sync leaves a stored one as it is. A mark stored
 * before marks kept their Greeks, or from an answer that left one out, lacks them, and when market
 * data answers with the same `updated_at` again (the demo's simulated market stands still) it would
 * never get them: this gives such marks the Greeks just fetched. Only missing Greeks are filled;
 * nothing stored is overwritten. Returns how many marks were filled.
 */
export async function fillMissingGreeks(
  tx: UserTransaction,
  table: (typeof OPTION_MARK_TABLE)[keyof typeof OPTION_MARK_TABLE],
  marks: readonly StoredMark[],
): Promise<number> {
  const withGreeks = marks.filter((mark) => GREEKS.some(([field]) => mark[field] !== null));
  if (withGreeks.length === 0) return 0;
  const fill = GREEKS.map(([, column]) => `${column} = COALESCE(m.${column}, v.${column}::numeric)`);
  const missing = GREEKS.map(([, column]) => `(m.${column} IS NULL AND v.${column} IS NOT NULL)`);
  return tx.$executeRawUnsafe(
    `UPDATE ${table} AS m SET ${fill.join(", ")}
     FROM unnest($1::text[], $2::text[], ${GREEKS.map((_, index) => `$${index + 3}::text[]`).join(", ")})
       AS v(instrument_id, as_of, ${GREEKS.map(([, column]) => column).join(", ")})
     WHERE m.instrument_id = v.instrument_id::uuid AND m.as_of = v.as_of::timestamptz
       AND (${missing.join(" OR ")})`,
    withGreeks.map((mark) => mark.instrumentId),
    withGreeks.map((mark) => mark.asOf.toISOString()),
    ...GREEKS.map(([field]) => withGreeks.map((mark) => mark[field])),
  );
}

const GREEKS = [
  ["delta", "delta"],
  ["gamma", "gamma"],
  ["theta", "theta"],
  ["vega", "vega"],
  ["rho", "rho"],
  ["impliedVolatility", "implied_volatility"],
] as const;
