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
 * With flat cuts, of an underlying replayed from its cut only the rows derived from the inputs dated
 * from the cut on (the others' from the start of time): chains opened from it on with their links and lots, wheel cycles started from
 * it on, days from it on; open positions are all after it, and stock rows (one per account and
 * symbol, carrying the realized P&L before the cut) and the cuts themselves are replaced whole.
 *
 * With settled dates (`settledBefore`), of an underlying only the rows that had not ended before its
 * date: chains open on it or closed from it on, with their links and lots, wheel cycles likewise,
 * days from it on (`derivedRows` builds the same of the replayed rows).
 */
export function derivedRowsScope(
  userId: string,
  underlyings: readonly string[],
  cuts: ReadonlyMap<string, FlatCut> = new Map(),
  settled: ReadonlyMap<string, string> = new Map(),
): MergeScope {
  const list = `${sqlLiteral(textArrayLiteral(underlyings))}::text[]`;
  const user = `${sqlLiteral(userId)}::uuid`;
  const instruments = `SELECT i.id FROM option_instruments i WHERE i.underlying = ANY(${list})`;
  const dated = cuts.size > 0 || settled.size > 0;
  // Each scope underlying's cut and settled date, each as a date and as the timestamp chains and lots
  // open and close at (midnight UTC of their trading date, dayTimestamp); minus infinity for none.
  const dateAndTime = (day: string | undefined) =>
    `${sqlLiteral(day ?? "-infinity")}::date, ${sqlLiteral(day ? `${day} 00:00:00+00` : "-infinity")}::timestamptz`;
  const values = underlyings
    .map(
      (name) =>
        `(${sqlLiteral(name)}, ${dateAndTime(cuts.get(name)?.day)}, ${dateAndTime(settled.get(name))})`,
    )
    .join(", ");
  // A row is in scope when its underlying's dates admit it. Written as EXISTS over the list of dates,
  // the planner joins the rows to the list by underlying (a hash of it) instead of scanning the list
  // once per row, which cost seconds over every underlying of a large history.
  const bounded = (underlying: string, conditions: string) =>
    `EXISTS (SELECT 1 FROM (VALUES ${values}) AS b(underlying, cut_day, cut_at, settled_day, settled_at)
              WHERE b.underlying = ${underlying} AND ${conditions})`;
  // Opened from the cut on; open on the settled date or closed from it on (docs/RECOMPUTE.md, "Rows
  // that ended before the change").
  const chainBounds = (alias: string) =>
    `${alias}.opened_at >= b.cut_at AND (${alias}.closed_at IS NULL OR ${alias}.closed_at >= b.settled_at)`;
  const chainCondition = (alias: string) =>
    dated
      ? `${alias}.underlying = ANY(${list}) AND ${bounded(`${alias}.underlying`, chainBounds(alias))}`
      : `${alias}.underlying = ANY(${list})`;
  const chains = `SELECT c.id FROM roll_chains c WHERE c.user_id = ${user} AND ${chainCondition("c")}`;
  // A lot without a chain is in scope by its contract. (A lot whose chain the merge deletes, a
  // chain's key having moved, keeps naming it until updated; the merge updates compared rows by key
  // alone, so it needs no condition here.)
  const chainlessLots = dated
    ? `t.chain_id IS NULL AND EXISTS (SELECT 1 FROM option_instruments i JOIN (VALUES ${values})
         AS b(underlying, cut_day, cut_at, settled_day, settled_at) ON b.underlying = i.underlying
         WHERE i.id = t.instrument_id AND t.opened_at >= b.cut_at AND t.closed_at >= b.settled_at)`
    : `t.chain_id IS NULL AND t.instrument_id IN (${instruments})`;
  const underlyingIn = `t.underlying = ANY(${list})`;
  return new Map([
    ["roll_chains", chainCondition("t")],
    ["roll_links", `t.chain_id IN (${chains})`],
    ["matched_lots", `t.chain_id IN (${chains}) OR (${chainlessLots})`],
    ["open_positions", `t.instrument_id IN (${instruments})`],
    ["stock_positions", `t.symbol = ANY(${list})`],
    [
      "wheel_cycles",
      dated
        ? `${underlyingIn} AND ${bounded("t.underlying", "t.started_on >= b.cut_day AND (t.ended_on IS NULL OR t.ended_on >= b.settled_day)")}`
        : underlyingIn,
    ],
    [
      "daily_pnl",
      dated
        ? `${underlyingIn} AND ${bounded("t.underlying", "t.trade_date >= b.cut_day AND t.trade_date >= b.settled_day")}`
        : underlyingIn,
    ],
    ["recompute_flat_cuts", underlyingIn],
  ]);
}
