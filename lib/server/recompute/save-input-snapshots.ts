import "server-only";
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

/** What decides which saved inputs a recompute writes (`snapshotsToWrite`). */
export type InputSnapshotChoice = {
  /** Of the replayed underlyings, those that read their saved input (it stays as it is). */
  readFromSnapshots: ReadonlySet<string>;
  /** Those that were read whole, with their inputs dated before the snapshot day (`LoadedPnlInput`). */
  recorded: ReadonlyMap<string, InputSnapshotRecorder>;
  /** The flat cuts the recompute writes. */
  cuts: ReadonlyMap<string, FlatCut>;
  syncedFrom: string | null;
  /** The stored snapshots (`readStoredSnapshots`, or an incremental plan's). */
  stored: ReadonlyMap<string, StoredSnapshot>;
  /** Corporate actions change contracts: no snapshot is written while the user has any. */
  corporateActions: boolean;
  minFills?: number;
};

export type SaveInputSnapshotsOptions = InputSnapshotChoice & {
  userId: string;
  /** The underlyings replayed, or null for the whole history (then every stored snapshot is replaced). */
  replayed: readonly string[] | null;
};

/**
 * Which saved inputs a recompute keeps (docs/RECOMPUTE.md, "Saved inputs"): an underlying replayed
 * whole keeps a snapshot of its inputs before the snapshot day when at least `minFills` of them are
 * dated from its flat cut on (else the cut reads about as little); one replayed from its snapshot
 * keeps that one. Of those, the ones to write: each whose day, synced start or digest
 * (`InputSnapshotRecorder.digest`) differs from the stored one's.
 */
export function snapshotsToWrite(choice: InputSnapshotChoice): {
  kept: Set<string>;
  written: { underlying: string; recorder: InputSnapshotRecorder }[];
} {
  const kept = new Set(choice.readFromSnapshots);
  const written: { underlying: string; recorder: InputSnapshotRecorder }[] = [];
  for (const [underlying, recorder] of recordedWorthKeeping(choice)) {
    kept.add(underlying);
    const known = choice.stored.get(underlying);
    if (
      known?.day === recorder.beforeDay &&
      known.syncedFrom === choice.syncedFrom &&
      known.digest === recorder.digest()
    )
      continue;
    written.push({ underlying, recorder });
  }
  return { kept, written };
}

/** The underlyings read whole whose recorded inputs are worth a snapshot, with their recorders. */
function recordedWorthKeeping(choice: InputSnapshotChoice): [string, InputSnapshotRecorder][] {
  if (choice.corporateActions) return [];
  const minFills = Math.max(1, choice.minFills ?? INPUT_SNAPSHOT_MIN_FILLS);
  // Worth keeping when it spares a replay from the flat cut reading that many fills at least.
  return [...choice.recorded].filter(
    ([underlying, recorder]) => fillsFromCut(recorder, choice.cuts.get(underlying)) >= minFills,
  );
}

/**
 * Makes ahead what `saveInputSnapshots` will write (the digests it compares and the compressed
 * snapshots that differ), one underlying's digest or snapshot per step (`SideWork`): a recompute
 * runs the steps while it waits on the server (reading the stored rows, writing its own), where this
 * side would otherwise idle. At 100,000 fills that is 0.1–0.2 s of digests and, for a first recompute
 * or a new snapshot day, 0.2–0.25 s of JSON and compression.
 */
export function* preparingInputSnapshots(choice: InputSnapshotChoice): Generator<void> {
  for (const [, recorder] of recordedWorthKeeping(choice)) {
    recorder.digest();
    yield;
  }
  for (const { recorder } of snapshotsToWrite(choice).written) {
    recorder.encoded();
    yield;
  }
}

/**
 * Keeps every stored snapshot true to the stored inputs after a recompute: writes those
 * `snapshotsToWrite` picks and deletes those of replayed underlyings it keeps none of (one replayed
 * from its flat cut loses its snapshot: a change may be dated before the snapshot's day). A snapshot
 * the same as the stored one is not written again. One statement, none when there is nothing to
 * write or delete. Returns the underlyings written.
 */
export async function saveInputSnapshots(
  tx: UserTransaction,
  options: SaveInputSnapshotsOptions,
): Promise<string[]> {
  const { stored } = options;
  const { kept, written } = snapshotsToWrite(options);
  const gone = (options.replayed ?? [...stored.keys()]).filter(
    (underlying) => !kept.has(underlying) && stored.has(underlying),
  );
  if (written.length === 0 && gone.length === 0) return [];
  const connection = await transactionConnection(tx);
  // Each snapshot is a parameter of its own, sent as bytes.
  const values = written.map((_, index) => {
    const at = 4 + index * 6;
    return `($${at}, $${at + 1}::date, $${at + 2}::date, $${at + 3}::int, $${at + 4}, $${at + 5}::bytea)`;
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
      ...written.flatMap(({ underlying, recorder }) => [
        underlying,
        recorder.firstTradeDate as string,
        recorder.beforeDay,
        recorder.fills,
        recorder.digest(),
        recorder.encoded(),
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

/** What a recompute needs to know of the user's stored snapshots, without their data. */
export async function readStoredSnapshots(
  tx: UserTransaction,
  userId: string,
): Promise<Map<string, StoredSnapshot>> {
  const connection = await transactionConnection(tx);
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
