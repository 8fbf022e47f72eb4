import { describe, expect, it } from "vitest";
import type { OptionContract, PnlExecution, PnlLifecycleEvent } from "@/lib/pnl";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { setUpTestDatabases } from "@/tests/support/test-database";
import { appendBatch, incrementalThenFull, oneContractFills, putOn } from "./incremental-support";

// An incremental recompute compares only the rows that had not ended before the earliest change
// (docs/RECOMPUTE.md, "Rows that ended before the change"), on an underlying that is never flat, so
// its flat cut is its first day and the whole underlying replays.

const TRADER = "f4f4f4f4-0000-4000-8000-0000000000dd";
const NOW = new Date("2026-07-01T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });

const put = (expiration: string, strike: string) => putOn("SET", expiration, strike);
const fill = oneContractFills("settled-fill");

async function append(batch: { executions?: PnlExecution[]; events?: PnlLifecycleEvent[] }) {
  await appendBatch(databases.db, TRADER, "SETTLED-A", {
    executions: batch.executions ?? [],
    events: batch.events ?? [],
    stockTrades: [],
  });
}

/**
 * A put opened on 02-02 and bought back on 02-10 (or left to expire), beside a put held open from
 * 02-03 on: the underlying is never flat after 02-02.
 */
async function endedChainBesideAnOpenOne(ended: OptionContract, boughtBack: boolean) {
  await append({
    executions: [
      fill(ended, "sell", "open", "2026-02-02"),
      fill(put("2026-09-18", "45"), "sell", "open", "2026-02-03"),
      ...(boughtBack ? [fill(ended, "buy", "close", "2026-02-10")] : []),
    ],
  });
  const first = await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);
  expect(first.afterFull).toEqual(first.afterIncremental);
}

describe("incremental recompute of rows that ended before the change", () => {
  it("compares the open chains and the days from the change on, not a chain closed before it", async () => {
    await endedChainBesideAnOpenOne(put("2026-09-18", "50"), true);
    // Tampered with, the closed chain's row shows whether the next recompute compares it.
    await databases.owner.query(
      "UPDATE roll_chains SET realized_pnl = realized_pnl + 1 WHERE closed_at IS NOT NULL",
    );

    await append({ executions: [fill(put("2026-09-18", "55"), "sell", "open", "2026-06-01")] });
    const incremental = await recomputeUserPnl({
      db: databases.db,
      robinhoodUserId: TRADER,
      trigger: "sync",
      now: NOW,
    });
    expect(incremental.scope).toEqual(["SET"]);
    expect(incremental.fromCuts).toEqual({ SET: "2026-02-02" });
    expect(incremental.settledBefore).toEqual({ SET: "2026-06-01" });
    // The new chain is inserted; the open one (days held as of now) is compared and unchanged.
    expect(incremental.written).toMatchObject({ inserted: 2, deleted: 0 });
    const chains = await databases.owner.query(
      "SELECT status, realized_pnl::text FROM roll_chains ORDER BY opened_at, realized_pnl",
    );
    expect(chains.rows).toEqual([
      { status: "CLOSED", realized_pnl: "100.94000000" },
      { status: "OPEN", realized_pnl: "0.00000000" },
      { status: "OPEN", realized_pnl: "0.00000000" },
    ]);

    // A full replay compares every row: it finds the tampered one, and only it.
    const full = await recomputeUserPnl({
      db: databases.db,
      robinhoodUserId: TRADER,
      trigger: "manual",
      now: NOW,
      mode: "full",
    });
    expect(full.written).toEqual({ inserted: 0, updated: 1, deleted: 0 });
  });

  it("compares every row when a late event names a contract that expired before the change", async () => {
    // Expired on 03-20 with no event: the replay closes its lot at the end, as an inferred expiry.
    const march = put("2026-03-20", "50");
    await endedChainBesideAnOpenOne(march, false);
    const before = await databases.owner.query("SELECT close_kind FROM matched_lots");
    expect(before.rows).toEqual([{ close_kind: "EXPIRATION_INFERRED" }]);

    // The assignment arrives late, dated after the expiration: the lot closes as assigned instead.
    await append({
      events: [
        {
          id: "settled-late-assignment",
          accountId: "ignored",
          type: "assignment",
          contract: march,
          quantity: "1",
          date: "2026-04-06",
          direction: "short",
          stockFees: "0",
        },
      ],
    });
    const run = await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);
    expect(run.incremental.scope).toEqual(["SET"]);
    expect(run.incremental.settledBefore).toEqual({});
    expect(run.afterFull).toEqual(run.afterIncremental);
    expect(run.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    const after = await databases.owner.query("SELECT close_kind FROM matched_lots");
    expect(after.rows).toEqual([{ close_kind: "ASSIGNMENT" }]);
  });
});
