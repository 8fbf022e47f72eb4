import "server-only";
import { sqlLiteral, textArrayLiteral } from "@/lib/server/db/copy-rows";
import type { MergeScope } from "@/lib/server/db/merge-user-rows";
import type { FlatCut } from "./flat-cuts";

/**
 * The stored derived rows of some underlyings (every account's), per table: what an incremental
 * recompute of those underlyings replaces (`mergeUserRows`' scope). Each condition is served by an
 * index: chains by (user, underlying), links and lots by their chain, open positions by instrument.
 * Lots and links are found through their chain, which has the lot's underlying (no corporate
 * actions in an incremental recompute: a chain never changes underlying there), and a lot left
 * without its chain by this merge through its contract.
 *
 * With flat cuts (every underlying has one), only the rows derived from the inputs dated from each
 * underlying's cut on: chains opened from it on with their links and lots, wheel cycles started from
 * it on, days from it on; open positions are all after it, and stock rows (one per account and
 * symbol, carrying the realized P&L before the cut) and the cuts themselves are replaced whole.
 */
export function derivedRowsScope(
  userId: string,
  underlyings: readonly string[],
  cuts: ReadonlyMap<string, FlatCut> = new Map(),
): MergeScope {
  const list = `${sqlLiteral(textArrayLiteral(underlyings))}::text[]`;
  const user = `${sqlLiteral(userId)}::uuid`;
  const instruments = `SELECT i.id FROM option_instruments i WHERE i.underlying = ANY(${list})`;
  // The cut of a row's underlying: null (no row in scope) without cuts.
  const cutOf = (underlying: string) =>
    cuts.size === 0
      ? null
      : `(SELECT flat.day FROM (VALUES ${[...cuts]
          .map(([name, cut]) => `(${sqlLiteral(name)}, ${sqlLiteral(cut.day)}::date)`)
          .join(", ")}) AS flat(underlying, day) WHERE flat.underlying = ${underlying})`;
  // Chains and lots open at midnight UTC of their trading date (dayTimestamp).
  const fromCut = (column: string, underlying: string, timestamp: boolean) => {
    const cut = cutOf(underlying);
    if (cut === null) return "";
    return ` AND ${column} >= ${timestamp ? `(${cut}::text || ' 00:00:00+00')::timestamptz` : cut}`;
  };
  const chains = `SELECT c.id FROM roll_chains c WHERE c.user_id = ${user} AND c.underlying = ANY(${list})${fromCut("c.opened_at", "c.underlying", true)}`;
  const lotUnderlying = "(SELECT i.underlying FROM option_instruments i WHERE i.id = t.instrument_id)";
  return new Map([
    ["roll_chains", `t.underlying = ANY(${list})${fromCut("t.opened_at", "t.underlying", true)}`],
    ["roll_links", `t.chain_id IN (${chains})`],
    // A lot whose chain this merge deletes (a chain's key moved) has had its chain_id set to null by
    // the foreign key before the lots are updated: it is still in scope, found by its contract.
    [
      "matched_lots",
      `t.chain_id IN (${chains}) OR (t.chain_id IS NULL AND t.instrument_id IN (${instruments})${fromCut("t.opened_at", lotUnderlying, true)})`,
    ],
    ["open_positions", `t.instrument_id IN (${instruments})`],
    ["stock_positions", `t.symbol = ANY(${list})`],
    ["wheel_cycles", `t.underlying = ANY(${list})${fromCut("t.started_on", "t.underlying", false)}`],
    ["daily_pnl", `t.underlying = ANY(${list})${fromCut("t.trade_date", "t.underlying", false)}`],
    ["recompute_flat_cuts", `t.underlying = ANY(${list})`],
  ]);
}
