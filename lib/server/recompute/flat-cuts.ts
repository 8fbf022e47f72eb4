import "server-only";
import { add, formatMoney, parseDecimal } from "@/lib/money";
import { dayNumber, formatDay, type PnlResult } from "@/lib/pnl";
import type { CopyRow } from "@/lib/server/db/copy-rows";
import { jsonbText } from "@/lib/server/db/jsonb-text";
import type { DerivedTable } from "./derived-rows";

/**
 * An underlying's flat cut (docs/RECOMPUTE.md, "Flat cuts"): a trading date whose start no option
 * lot, share lot or wheel cycle of the underlying spans, in any account. The engine's state for the
 * underlying is then empty at that date's start — rolls and strategies pair fills of one trading day
 * only — so every row derived from the inputs dated before it is final, and replaying the inputs
 * dated from it on gives exactly the rows a whole replay gives from it on. The one figure that
 * crosses it is the realized stock P&L per account and symbol (one `stock_positions` row holds the
 * whole history's): `stockRealized` is each account's before the cut (an account with stock matches
 * before it is listed, even at 0, since its row exists).
 */
export type FlatCut = { day: string; stockRealized: Record<string, string> };

export const FLAT_CUT_COLUMNS = ["underlying", "user_id", "cut_day", "stock_realized"] as const;

/**
 * The latest flat cut of each underlying in `underlyings`, from a replay of its inputs dated from
 * `previous` (that underlying's earlier cut) on, or of its whole history when it has none. The cut is
 * the latest date whose start nothing spans, up to the day after the underlying's last input day
 * (`lastDays`), but not after `asOf`: a sync later the same trading day brings rows dated that day,
 * and they must fall on or after the cut (a new trading date replays every underlying from its cut,
 * and moves the limit on). An underlying the replay saw nothing of keeps its earlier cut. Spans are taken wide: a chain from its first open to its last close (every lot,
 * open or closed, belongs to one), share lots from open to close, wheel cycles from start to end.
 */
export function flatCutsOf(options: {
  result: PnlResult;
  asOf: string;
  lastDays: ReadonlyMap<string, string>;
  previous: ReadonlyMap<string, FlatCut>;
  underlyings: Iterable<string>;
}): Map<string, FlatCut> {
  const { result, lastDays, previous } = options;
  const spans = new Map<string, [number, number][]>();
  const lastOf = new Map<string, number>();
  const note = (underlying: string, from: string, to: string | null) => {
    const start = dayNumber(from);
    const end = to === null ? Number.POSITIVE_INFINITY : dayNumber(to);
    // A date D is spanned when the span started before it and had not ended before it.
    if (end > start) {
      const list = spans.get(underlying) ?? [];
      list.push([start + 1, end]);
      spans.set(underlying, list);
    }
    lastOf.set(
      underlying,
      Math.max(lastOf.get(underlying) ?? start, start, Number.isFinite(end) ? end : start),
    );
  };
  for (const chain of result.chains) note(chain.underlying, chain.openedOn, chain.closedOn);
  for (const match of result.stockMatches) note(match.underlying, match.openedOn, match.closedOn);
  for (const position of result.stockPositions) note(position.underlying, position.openedOn, null);
  for (const cycle of result.wheelCycles) note(cycle.underlying, cycle.startedOn, cycle.endedOn);
  for (const [underlying, day] of lastDays)
    lastOf.set(underlying, Math.max(lastOf.get(underlying) ?? dayNumber(day), dayNumber(day)));

  const cuts = new Map<string, FlatCut>();
  for (const underlying of options.underlyings) {
    const earlier = previous.get(underlying);
    const last = lastOf.get(underlying);
    if (last === undefined) {
      if (earlier) cuts.set(underlying, earlier);
      continue;
    }
    const day = latestUnspanned(spans.get(underlying) ?? [], Math.min(last + 1, dayNumber(options.asOf)));
    const stockRealized = { ...(earlier?.stockRealized ?? {}) };
    for (const match of result.stockMatches) {
      if (match.underlying !== underlying || dayNumber(match.closedOn) >= day) continue;
      const before = stockRealized[match.accountId] ?? "0";
      stockRealized[match.accountId] = formatMoney(add(parseDecimal(before), parseDecimal(match.realized)));
    }
    cuts.set(underlying, { day: formatDay(day), stockRealized });
  }
  return cuts;
}

/** The latest day ≤ `last` that no span `[from, to]` (days spanned, inclusive) contains. */
function latestUnspanned(spans: [number, number][], last: number): number {
  // Merged, the spans are disjoint and not adjacent: the day before one is in none.
  spans.sort(byStart);
  let day = last;
  let mergedFrom = Number.NaN;
  let mergedTo = Number.NaN;
  const settle = () => {
    if (mergedFrom <= day && day <= mergedTo) day = mergedFrom - 1;
  };
  for (const [from, to] of spans) {
    if (from > last) break;
    if (Number.isNaN(mergedFrom) || from > mergedTo + 1) {
      settle();
      mergedFrom = from;
      mergedTo = to;
    } else mergedTo = Math.max(mergedTo, to);
  }
  settle();
  return day;
}

/** The cuts as rows of `recompute_flat_cuts` (merged like the derived tables, keyed by underlying). */
export function flatCutTable(userId: string, cuts: ReadonlyMap<string, FlatCut>): DerivedTable {
  const rows: CopyRow[] = [...cuts].map(([underlying, cut]) => [
    underlying,
    userId,
    cut.day,
    // Spelled as PostgreSQL prints it, so an unchanged cut is the same text as the stored one.
    jsonbText(cut.stockRealized),
  ]);
  return { table: "recompute_flat_cuts", columns: FLAT_CUT_COLUMNS, rows, key: ["underlying"] };
}

// Defined once: a comparator made per call is compiled again after every recompute.
function byStart(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0];
}
