import { describe, expect, it } from "vitest";
import type { PnlExecution } from "@/lib/pnl";
import { setUpTestDatabases } from "@/tests/support/test-database";
import { appendBatch, incrementalThenFull, oneContractFills, putOn } from "./incremental-support";

// An underlying that is never flat replays whole; its inputs dated before a week ago are saved
// (docs/RECOMPUTE.md, "Saved inputs"), so a later recompute reads only the rows from that day on,
// and one whose change is dated before that day reads everything and saves the inputs again.

const TRADER = "f5f5f5f5-0000-4000-8000-0000000000ee";
const NOW = new Date("2026-07-01T15:00:00Z");
// A week before the valuation date (INPUT_SNAPSHOT_LAG_DAYS).
const SAVED_BEFORE = "2026-06-24";

const databases = setUpTestDatabases({ emptyBeforeEach: true });

const put = (strike: string) => putOn("SNP", "2026-09-18", strike);
const fill = oneContractFills("snapshot-fill");

const append = (...executions: PnlExecution[]) =>
  appendBatch(databases.db, TRADER, "SNAP-A", { executions, events: [], stockTrades: [] });

/** Both runs keep a saved input from one fill on (the default asks for thousands). */
async function recomputeBoth() {
  const run = await incrementalThenFull(databases.db, databases.owner, TRADER, NOW, undefined, 1);
  expect(run.afterFull).toEqual(run.afterIncremental);
  expect(run.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
  return run;
}

const saved = async () =>
  (
    await databases.owner.query(
      "SELECT underlying, before_day::text AS day, fills FROM recompute_input_snapshots ORDER BY underlying",
    )
  ).rows;

describe("incremental recompute from saved inputs", () => {
  it("reads a never-flat underlying's inputs before the saved day from its snapshot", async () => {
    // A put held from February on (never flat), and round trips beside it.
    await append(
      fill(put("45"), "sell", "open", "2026-02-03"),
      fill(put("50"), "sell", "open", "2026-03-02"),
      fill(put("50"), "buy", "close", "2026-04-06"),
      fill(put("55"), "sell", "open", "2026-05-04"),
      fill(put("55"), "buy", "close", "2026-06-01"),
    );
    const first = await recomputeBoth();
    expect(first.incremental.snapshotsWritten).toEqual(["SNP"]);
    // The full replay after it saves the same inputs: not written again.
    expect(first.full.snapshotsWritten).toEqual([]);
    expect(await saved()).toEqual([{ underlying: "SNP", day: SAVED_BEFORE, fills: 5 }]);

    // A change dated after the saved day: read from the snapshot, replayed whole, nothing rewritten.
    await append(fill(put("55"), "sell", "open", "2026-06-30"));
    const later = await recomputeBoth();
    expect(later.incremental.fromSnapshots).toEqual({ SNP: SAVED_BEFORE });
    expect(later.incremental.executions).toBe(6);
    expect(later.incremental.snapshotsWritten).toEqual([]);
    expect(later.full.snapshotsWritten).toEqual([]);

    // A change dated before the saved day: the snapshot no longer holds every input before it.
    await append(fill(put("60"), "sell", "open", "2026-05-05"));
    const earlier = await recomputeBoth();
    expect(earlier.incremental.fromSnapshots).toEqual({});
    expect(earlier.incremental.snapshotsWritten).toEqual(["SNP"]);
    expect(await saved()).toEqual([{ underlying: "SNP", day: SAVED_BEFORE, fills: 6 }]);
  });

  it("drops the snapshot of an underlying that now goes flat before the saved day", async () => {
    await append(fill(put("45"), "sell", "open", "2026-02-03"));
    await recomputeBoth();
    expect(await saved()).toEqual([{ underlying: "SNP", day: SAVED_BEFORE, fills: 1 }]);
    // Bought back in May (a change dated before the saved day): flat from the next day on, and no
    // fill lies between that cut and the saved day, so the cut reads as little as a snapshot would.
    await append(fill(put("45"), "buy", "close", "2026-05-04"));
    const run = await recomputeBoth();
    expect(run.incremental.fromSnapshots).toEqual({});
    expect(await saved()).toEqual([]);
  });

  it("reads the rows instead of a stored snapshot it cannot read, and saves it again", async () => {
    await append(
      fill(put("45"), "sell", "open", "2026-02-03"),
      fill(put("50"), "sell", "open", "2026-03-02"),
    );
    await recomputeBoth();
    // What the earlier format stored (its JSON as text), under a digest of that format.
    await databases.owner.query(
      `UPDATE recompute_input_snapshots SET data = convert_to('{"format":1}', 'UTF8'), digest = 'format-1'`,
    );
    await append(fill(put("50"), "buy", "close", "2026-06-30"));
    const run = await recomputeBoth();
    expect(run.incremental.fromSnapshots).toEqual({});
    expect(run.incremental.executions).toBe(3);
    expect(run.incremental.snapshotsWritten).toEqual(["SNP"]);
    // Stored compressed: no JSON text in the column.
    const { rows } = await databases.owner.query<{ data: Buffer }>(
      "SELECT data FROM recompute_input_snapshots",
    );
    expect(rows[0]?.data.includes(Buffer.from('"format"'))).toBe(false);

    await append(fill(put("55"), "sell", "open", "2026-06-30"));
    const next = await recomputeBoth();
    expect(next.incremental.fromSnapshots).toEqual({ SNP: SAVED_BEFORE });
    expect(next.incremental.snapshotsWritten).toEqual([]);
  });
});
