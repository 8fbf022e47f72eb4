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
  type Bound = "cut_day" | "cut_at" | "settled_day" | "settled_at";
  const bound = (field: Bound, underlying: string) =>
    `(SELECT b.${field} FROM (VALUES ${values}) AS b(underlying, cut_day, cut_at, settled_day, settled_at)
       WHERE b.underlying = ${underlying})`;
  const fromCut = (column: string, underlying: string, field: "cut_day" | "cut_at") =>
    cuts.size === 0 ? "" : ` AND ${column} >= ${bound(field, underlying)}`;
  // Ended on or after the settled date, or not ended (docs/RECOMPUTE.md, "Rows that ended before the change").
  const unsettled = (column: string, underlying: string, field: "settled_day" | "settled_at") =>
    settled.size === 0 ? "" : ` AND (${column} IS NULL OR ${column} >= ${bound(field, underlying)})`;
  const chainCondition = (alias: string) =>
    `${alias}.underlying = ANY(${list})${fromCut(`${alias}.opened_at`, `${alias}.underlying`, "cut_at")}${unsettled(`${alias}.closed_at`, `${alias}.underlying`, "settled_at")}`;
  const chains = `SELECT c.id FROM roll_chains c WHERE c.user_id = ${user} AND ${chainCondition("c")}`;
  const lotUnderlying = "(SELECT i.underlying FROM option_instruments i WHERE i.id = t.instrument_id)";
  return new Map([
    ["roll_chains", chainCondition("t")],
    ["roll_links", `t.chain_id IN (${chains})`],
    // A lot whose chain this merge deletes (a chain's key moved) has had its chain_id set to null by
    // the foreign key before the lots are updated: it is still in scope, found by its contract.
    [
      "matched_lots",
      `t.chain_id IN (${chains}) OR (t.chain_id IS NULL AND t.instrument_id IN (${instruments})${fromCut("t.opened_at", lotUnderlying, "cut_at")}${unsettled("t.closed_at", lotUnderlying, "settled_at")})`,
    ],
    ["open_positions", `t.instrument_id IN (${instruments})`],
    ["stock_positions", `t.symbol = ANY(${list})`],
    [
      "wheel_cycles",
      `t.underlying = ANY(${list})${fromCut("t.started_on", "t.underlying", "cut_day")}${unsettled("t.ended_on", "t.underlying", "settled_day")}`,
    ],
    [
      "daily_pnl",
      `t.underlying = ANY(${list})${fromCut("t.trade_date", "t.underlying", "cut_day")}${unsettled("t.trade_date", "t.underlying", "settled_day")}`,
    ],
    ["recompute_flat_cuts", `t.underlying = ANY(${list})`],
  ]);
}
