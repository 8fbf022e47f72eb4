import "server-only";
import { sqlLiteral, textArrayLiteral } from "@/lib/server/db/copy-rows";
import type { MergeScope } from "@/lib/server/db/merge-user-rows";

/**
 * The stored derived rows of some underlyings (every account's), per table: what an incremental
 * recompute of those underlyings replaces (`mergeUserRows`' scope). Each condition is served by an
 * index: chains by (user, underlying), links and lots by their chain, open positions by instrument.
 * Lots and links are found through their chain, which has the lot's underlying (no corporate
 * actions in an incremental recompute: a chain never changes underlying there), and a lot left
 * without its chain by this merge through its contract.
 */
export function derivedRowsScope(userId: string, underlyings: readonly string[]): MergeScope {
  const list = `${sqlLiteral(textArrayLiteral(underlyings))}::text[]`;
  const instruments = `SELECT i.id FROM option_instruments i WHERE i.underlying = ANY(${list})`;
  const chains = `SELECT c.id FROM roll_chains c WHERE c.user_id = ${sqlLiteral(userId)}::uuid AND c.underlying = ANY(${list})`;
  return new Map([
    ["roll_chains", `t.underlying = ANY(${list})`],
    ["roll_links", `t.chain_id IN (${chains})`],
    // A lot whose chain this merge deletes (a chain's key moved) has had its chain_id set to null by
    // the foreign key before the lots are updated: it is still in scope, found by its contract.
    [
      "matched_lots",
      `t.chain_id IN (${chains}) OR (t.chain_id IS NULL AND t.instrument_id IN (${instruments}))`,
    ],
    ["open_positions", `t.instrument_id IN (${instruments})`],
    ["stock_positions", `t.symbol = ANY(${list})`],
    ["wheel_cycles", `t.underlying = ANY(${list})`],
    ["daily_pnl", `t.underlying = ANY(${list})`],
  ]);
}
