import "server-only";
import { dayNumber, ENGINE_VERSION, formatDay } from "@/lib/pnl";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import {
  type MarketDataSource,
  OPTION_MARK_TABLE,
  STOCK_MARK_TABLE,
} from "@/lib/server/marks/market-data-source";
import type { FlatCut } from "./flat-cuts";
import { INPUT_SNAPSHOT_MAX_AGE_DAYS, type StoredSnapshot } from "./save-input-snapshots";

/** `auto` replays only what changed when that is provably exact; `full` always replays everything. */
export type RecomputeMode = "auto" | "full";

export type RecomputePlan =
  | { kind: "full"; reason: string }
  | {
      kind: "incremental";
      /** The underlyings to replay, every account's books of them; empty when nothing changed. */
      underlyings: string[];
      /** The first synced trading date the stored rows were computed with. */
      syncedFrom: string | null;
      /** The flat cut of each underlying that replays from one (every change dated on or after it). */
      cuts: Map<string, FlatCut>;
      /**
       * The earliest trading date of any change recorded for each underlying whose changes are all
       * dated (a moved mark counts as the valuation date): rows of what ended before it cannot have
       * changed (`settledUnderlyings`, docs/RECOMPUTE.md "Rows that ended before the change").
       */
      changedFrom: Map<string, string>;
      /**
       * The day of each underlying's saved input that is usable (every change to it dated from that
       * day on, the same synced start) and reads less than its flat cut would: it reads from there.
       */
      snapshots: Map<string, string>;
      /** Every stored snapshot, usable or not. */
      storedSnapshots: Map<string, StoredSnapshot>;
    };

type PlanRow = {
  queued: boolean;
  full_recompute: boolean;
  has_run: boolean;
  engine_version: string | null;
  as_of: string | null;
  synced_from: string | null;
  corporate_actions: boolean;
  touched: string[];
  marked: string[];
  /** [underlying, earliest date written or null when unknown] of the recorded books. */
  touched_from: [string, string | null][];
  /** [underlying, cut day, stock realized before it] of the stored cuts. */
  cuts: [string, string, Record<string, string>][];
  /**
   * On a new trading date only: whether some stored chain or stock row has an underlying without a
   * stored cut (rows written before cuts were recorded), so the cuts do not name every underlying.
   */
  uncovered: boolean | null;
  /** [underlying, first day, before day, synced from, digest] of the stored input snapshots. */
  snapshots: [string, string, string, string | null, string][];
};

/**
 * Decides, in one query, whether this recompute may replay only some underlyings (docs/RECOMPUTE.md,
 * "Incremental recompute") and which. The stored derived rows are those of the last successful run,
 * so a scoped replay is exact when that run used the same engine and everything that changed since
 * is named: the books sync and import recorded (`recompute_touched_books`), the open positions whose
 * latest mark differs from the stored one, and a new trading date (every underlying, each from its
 * flat cut, when the stored cuts name every underlying).
 * Everything in the engine that crosses books stays inside one underlying (rolls, strategies, the
 * stock ledger, the wheel, daily P&L per underlying), so the unit replayed is the underlying, with
 * all its accounts. Anything else replays the whole history.
 */
export async function planRecompute(
  tx: UserTransaction,
  user: ScopedUser,
  options: { asOf: string; marketData: MarketDataSource; mode: RecomputeMode },
): Promise<RecomputePlan> {
  if (options.mode === "full") return { kind: "full", reason: "asked for" };
  // The mark tables are two constants, never input.
  const optionMarks = OPTION_MARK_TABLE[options.marketData];
  const stockMarks = STOCK_MARK_TABLE[options.marketData];
  const [row] = await tx.$queryRawUnsafe<PlanRow[]>(
    `SELECT q.user_id IS NOT NULL AS queued, coalesce(q.full_recompute, false) AS full_recompute,
            r.user_id IS NOT NULL AS has_run, r.engine_version, r.as_of::text AS as_of,
            r.synced_from::text AS synced_from,
            EXISTS (SELECT 1 FROM corporate_actions WHERE user_id = $1::uuid) AS corporate_actions,
            ARRAY(SELECT DISTINCT underlying FROM recompute_touched_books WHERE user_id = $1::uuid) AS touched,
            ARRAY(
              SELECT i.underlying FROM open_positions p JOIN option_instruments i ON i.id = p.instrument_id
               WHERE p.user_id = $1::uuid AND p.mark_price IS DISTINCT FROM (
                 SELECT m.mark_price FROM ${optionMarks} m WHERE m.instrument_id = p.instrument_id
                  ORDER BY m.as_of DESC LIMIT 1)
              UNION
              SELECT s.symbol FROM stock_positions s
               WHERE s.user_id = $1::uuid AND s.quantity <> 0 AND s.mark_price IS DISTINCT FROM (
                 SELECT m.mark_price FROM ${stockMarks} m WHERE m.symbol = s.symbol ORDER BY m.as_of DESC LIMIT 1)
            ) AS marked,
            (SELECT coalesce(json_agg(json_build_array(b.underlying, b.from_day)), '[]')
               FROM (SELECT underlying,
                            CASE WHEN bool_or(from_day IS NULL) THEN NULL ELSE min(from_day)::text END AS from_day
                       FROM recompute_touched_books WHERE user_id = $1::uuid GROUP BY underlying) b) AS touched_from,
            (SELECT coalesce(json_agg(json_build_array(c.underlying, c.cut_day::text, c.stock_realized)), '[]')
               FROM recompute_flat_cuts c WHERE c.user_id = $1::uuid) AS cuts,
            CASE WHEN r.as_of IS DISTINCT FROM $2::date THEN EXISTS (
              SELECT 1 FROM (SELECT DISTINCT underlying FROM roll_chains WHERE user_id = $1::uuid
                             UNION SELECT symbol FROM stock_positions WHERE user_id = $1::uuid) AS stored(underlying)
               WHERE NOT EXISTS (SELECT 1 FROM recompute_flat_cuts f
                                  WHERE f.user_id = $1::uuid AND f.underlying = stored.underlying)) END AS uncovered,
            (SELECT coalesce(json_agg(json_build_array(s.underlying, s.first_day::text, s.before_day::text, s.synced_from::text, s.digest)), '[]')
               FROM recompute_input_snapshots s WHERE s.user_id = $1::uuid) AS snapshots
       FROM (SELECT 1) AS one
       LEFT JOIN recompute_queue q ON q.user_id = $1::uuid
       LEFT JOIN LATERAL (
         SELECT user_id, engine_version, as_of, synced_from FROM recompute_runs
          WHERE user_id = $1::uuid AND status = 'SUCCEEDED' ORDER BY created_at DESC LIMIT 1) r ON true`,
    user.id,
    options.asOf,
  );
  if (!row) throw new Error("the recompute plan query returned nothing");
  // Not queued: the raw rows may have changed in ways no writer recorded (a repair, a manual edit).
  if (!row.queued) return { kind: "full", reason: "not queued" };
  if (row.full_recompute) return { kind: "full", reason: "a change named no book" };
  if (!row.has_run) return { kind: "full", reason: "first recompute" };
  if (row.engine_version !== ENGINE_VERSION) return { kind: "full", reason: "engine version changed" };
  // Renames and splits move lots between contracts and symbols.
  if (row.corporate_actions) return { kind: "full", reason: "corporate actions" };
  const lastAsOf = row.as_of;
  if (lastAsOf === null) return { kind: "full", reason: "new trading date" };
  const newDate = lastAsOf !== options.asOf;
  if (newDate && (lastAsOf > options.asOf || row.uncovered !== false))
    return { kind: "full", reason: "new trading date" };
  // A new trading date moves what is open on it (inferred expirations, days held, open cycles'
  // days) in every underlying, and counts the inputs dated up to it: every underlying replays (from
  // its flat cut), and what had ended before the last run's date is settled.
  const underlyings = [
    ...new Set([
      ...row.touched,
      ...row.marked,
      ...(newDate ? row.cuts.map(([underlying]) => underlying) : []),
    ]),
  ].sort();
  const cuts = cutsOf(row, underlyings);
  const storedSnapshots = new Map(
    row.snapshots.map(([underlying, firstDay, day, syncedFrom, digest]) => [
      underlying,
      { firstDay, day, syncedFrom, digest },
    ]),
  );
  const snapshots = snapshotsOf(row, underlyings, cuts, storedSnapshots, options.asOf);
  for (const [underlying, cut] of cuts) {
    // Replayed from its snapshot; or its cut is no later than its first input (it never went flat):
    // replayed whole, which reads the same rows, and saves its inputs again.
    const stored = storedSnapshots.get(underlying);
    if (snapshots.has(underlying) || (stored !== undefined && cut.day <= stored.firstDay))
      cuts.delete(underlying);
  }
  return {
    kind: "incremental",
    underlyings,
    syncedFrom: row.synced_from,
    cuts,
    changedFrom: changedFromOf(row, underlyings, lastAsOf),
    snapshots,
    storedSnapshots,
  };
}

/**
 * Each underlying's saved input that a replay may start from (docs/RECOMPUTE.md, "Saved inputs"):
 * every change recorded for it dated on or after the snapshot's day (a moved mark changes nothing
 * dated), the synced history starting where it did when the snapshot was written, and the snapshot's
 * day after the underlying's flat cut (else the cut reads less), and not older than
 * `INPUT_SNAPSHOT_MAX_AGE_DAYS` (one that is gets read whole, and written again from a later day).
 */
function snapshotsOf(
  row: PlanRow,
  underlyings: readonly string[],
  cuts: ReadonlyMap<string, FlatCut>,
  stored: ReadonlyMap<string, StoredSnapshot>,
  asOf: string,
): Map<string, string> {
  const fromDays = new Map(row.touched_from);
  const oldest = formatDay(dayNumber(asOf) - INPUT_SNAPSHOT_MAX_AGE_DAYS);
  const snapshots = new Map<string, string>();
  for (const underlying of underlyings) {
    const snapshot = stored.get(underlying);
    if (!snapshot || snapshot.syncedFrom !== row.synced_from || snapshot.day < oldest) continue;
    const fromDay = fromDays.has(underlying) ? fromDays.get(underlying) : "infinity";
    if (fromDay === null || fromDay === undefined || fromDay < snapshot.day) continue;
    const cut = cuts.get(underlying);
    if (cut === undefined || cut.day < snapshot.day) snapshots.set(underlying, snapshot.day);
  }
  return snapshots;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Each underlying's earliest changed trading date: the earliest date its recorded books were written
 * at, or `latest` when only a mark moved (marks change only what is open then) or only the date did
 * (`latest` is then the last run's valuation date: what was open on it); never after `latest` (an
 * order recorded without fills says `infinity`). An underlying with an undated change is left out:
 * all of its rows are compared.
 */
function changedFromOf(row: PlanRow, underlyings: readonly string[], latest: string): Map<string, string> {
  const fromDays = new Map(row.touched_from);
  const changedFrom = new Map<string, string>();
  for (const underlying of underlyings) {
    const fromDay = fromDays.has(underlying) ? fromDays.get(underlying) : latest;
    if (fromDay === null || fromDay === undefined) continue;
    if (fromDay === "infinity" || fromDay > latest) changedFrom.set(underlying, latest);
    else if (ISO_DAY.test(fromDay)) changedFrom.set(underlying, fromDay);
  }
  return changedFrom;
}

/**
 * Each underlying replays from its stored flat cut when every change recorded for it is dated on or
 * after the cut (a moved mark changes only what is open, all after the cut); one without a stored
 * cut, or with a change dated before it or undated, replays whole.
 */
function cutsOf(row: PlanRow, underlyings: readonly string[]): Map<string, FlatCut> {
  const stored = new Map(
    row.cuts.map(([underlying, day, stockRealized]) => [underlying, { day, stockRealized }]),
  );
  const fromDays = new Map(row.touched_from);
  const cuts = new Map<string, FlatCut>();
  for (const underlying of underlyings) {
    const cut = stored.get(underlying);
    // Only marks moved: "infinity", after any cut.
    const fromDay = fromDays.has(underlying) ? fromDays.get(underlying) : "infinity";
    if (cut && fromDay !== null && fromDay !== undefined && fromDay >= cut.day) cuts.set(underlying, cut);
  }
  return cuts;
}
