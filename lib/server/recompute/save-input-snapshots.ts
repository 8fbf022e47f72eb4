import "server-only";
import type pg from "pg";
import { dayNumber } from "@/lib/pnl";
import { transactionConnection } from "@/lib/server/db/copy-rows";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { FlatCut } from "./flat-cuts";
import type { InputSnapshotRecorder } from "./input-snapshot";

/**
 * An underlying whose snapshot would spare reading fewer fills than this (those dated from its flat
 * cut to the snapshot day) replays fast enough from its cut: no snapshot is kept for it.
 */
export const INPUT_SNAPSHOT_MIN_FILLS = 2_000;

/** Days before the valuation date a snapshot ends: a week of late rows still reads from it. */
export const INPUT_SNAPSHOT_LAG_DAYS = 7;

/** A snapshot older than this many days is not read (its day moves on when it is written again). */
export const INPUT_SNAPSHOT_MAX_AGE_DAYS = 14;

/** What a recompute knows of a stored snapshot without reading its data. */
export type StoredSnapshot = { firstDay: string; day: string; syncedFrom: string | null; digest: string };

export type SaveInputSnapshotsOptions = {
  userId: string;
  /** The underlyings replayed, or null for the whole history (then every stored snapshot is replaced). */
  replayed: readonly string[] | null;
  /** Of the replayed underlyings, those that read their saved input (it stays as it is). */
  readFromSnapshots: ReadonlySet<string>;
  /** Those that were read whole, with their inputs dated before the snapshot day (`LoadedPnlInput`). */
  recorded: ReadonlyMap<string, InputSnapshotRecorder>;
  /** The flat cuts the recompute just wrote. */
  cuts: ReadonlyMap<string, FlatCut>;
  syncedFrom: string | null;
  /** The stored snapshots, when known (an incremental plan read them); read here otherwise. */
  stored: ReadonlyMap<string, StoredSnapshot> | null;
  /** Corporate actions change contracts: no snapshot is written while the user has any. */
  corporateActions: boolean;
  minFills?: number;
};

/**
 * Makes the digests `saveInputSnapshots` will compare, of every recorded underlying that may be
 * kept, ahead of it: a recompute calls this while the server writes its rows, when this side would
 * otherwise wait (a first recompute's saved inputs' digests cost 0.1–0.2 s at 100,000 fills).
 */
export function digestRecordedInputs(
  recorded: ReadonlyMap<string, InputSnapshotRecorder>,
  minFills = INPUT_SNAPSHOT_MIN_FILLS,
): void {
  // `fills` counts at least the fills from the cut that `saveInputSnapshots` asks for.
  for (const recorder of recorded.values()) if (recorder.fills >= Math.max(1, minFills)) recorder.digest();
}

/**
 * Keeps every stored snapshot true to the stored inputs after a recompute (docs/RECOMPUTE.md, "Saved
 * inputs"): an underlying replayed whole gets a snapshot of its inputs before the snapshot day when at
 * least `minFills` of them are dated from its flat cut on (else the cut reads about as little), and
 * loses its old one otherwise; one replayed from its flat cut loses its snapshot (a change may be
 * dated before the snapshot's day); one replayed from its snapshot keeps it. A snapshot the same as the
 * stored one (same day, synced start and digest, `InputSnapshotRecorder.digest`) is not written
 * again: 18 MB of JSON cost about half a second to store. One statement, none when there is nothing to write or delete (a full
 * recompute reads the stored digests first). Returns the underlyings written.
 */
export async function saveInputSnapshots(
  tx: UserTransaction,
  options: SaveInputSnapshotsOptions,
): Promise<string[]> {
  const minFills = options.minFills ?? INPUT_SNAPSHOT_MIN_FILLS;
  const connection = await transactionConnection(tx);
  const stored = options.stored ?? (await storedSnapshots(connection, options.userId));
  const written: {
    underlying: string;
    firstDay: string;
    day: string;
    fills: number;
    digest: string;
    data: string;
  }[] = [];
  const kept = new Set(options.readFromSnapshots);
  if (!options.corporateActions)
    for (const [underlying, recorder] of options.recorded) {
      // Worth keeping when it spares a replay from the flat cut reading that many fills at least.
      if (fillsFromCut(recorder, options.cuts.get(underlying)) < Math.max(1, minFills)) continue;
      const digest = recorder.digest();
      kept.add(underlying);
      const known = stored.get(underlying);
      if (
        known?.day === recorder.beforeDay &&
        known.syncedFrom === options.syncedFrom &&
        known.digest === digest
      )
        continue;
      written.push({
        underlying,
        firstDay: recorder.firstTradeDate as string,
        day: recorder.beforeDay,
        fills: recorder.fills,
        digest,
        data: JSON.stringify(recorder.snapshot()),
      });
    }
  const gone = (options.replayed ?? [...stored.keys()]).filter(
    (underlying) => !kept.has(underlying) && stored.has(underlying),
  );
  if (written.length === 0 && gone.length === 0) return [];
  // Each snapshot's JSON is a parameter of its own: inside a text[] parameter it would be escaped
  // into an array literal and parsed back out of it, which cost seconds for 18 MB.
  const values = written.map((_, index) => {
    const at = 4 + index * 6;
    return `($${at}, $${at + 1}::date, $${at + 2}::date, $${at + 3}::int, $${at + 4}, $${at + 5})`;
  });
  const deleteGone =
    "DELETE FROM recompute_input_snapshots WHERE user_id = $1::uuid AND underlying = ANY($2::text[])";
  if (written.length === 0) {
    await connection.query(deleteGone, [options.userId, gone]);
    return [];
  }
  await connection.query(
    `WITH gone AS (${deleteGone})
     INSERT INTO recompute_input_snapshots
            (user_id, underlying, first_day, before_day, synced_from, fills, digest, data)
     SELECT $1::uuid, s.underlying, s.first_day, s.day, $3::date, s.fills, s.digest, s.data
       FROM (VALUES ${values.join(", ")}) AS s(underlying, first_day, day, fills, digest, data)
     ON CONFLICT (user_id, underlying) DO UPDATE
       SET first_day = EXCLUDED.first_day, before_day = EXCLUDED.before_day, synced_from = EXCLUDED.synced_from, fills = EXCLUDED.fills,
           digest = EXCLUDED.digest, data = EXCLUDED.data, created_at = now()`,
    [
      options.userId,
      gone,
      options.syncedFrom,
      ...written.flatMap((snapshot) => [
        snapshot.underlying,
        snapshot.firstDay,
        snapshot.day,
        snapshot.fills,
        snapshot.digest,
        snapshot.data,
      ]),
    ],
  );
  return written.map((snapshot) => snapshot.underlying);
}

/** How many of the recorded fills are dated from the flat cut on (all of them without one). */
function fillsFromCut(recorder: InputSnapshotRecorder, cut: FlatCut | undefined): number {
  if (cut === undefined) return recorder.fills;
  return recorder.fillsFrom(dayNumber(cut.day));
}

async function storedSnapshots(
  connection: pg.PoolClient,
  userId: string,
): Promise<Map<string, StoredSnapshot>> {
  const { rows } = await connection.query<{
    underlying: string;
    first_day: string;
    day: string;
    synced_from: string | null;
    digest: string;
  }>(
    `SELECT underlying, first_day::text AS first_day, before_day::text AS day, synced_from::text AS synced_from, digest
       FROM recompute_input_snapshots WHERE user_id = $1::uuid`,
    [userId],
  );
  return new Map(
    rows.map((row) => [
      row.underlying,
      { firstDay: row.first_day, day: row.day, syncedFrom: row.synced_from, digest: row.digest },
    ]),
  );
}
