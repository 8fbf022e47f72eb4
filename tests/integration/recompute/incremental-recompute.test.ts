import { describe, expect, it } from "vitest";
import type { OptionContract, PnlExecution } from "@/lib/pnl";
import { setUpTestDatabases } from "@/tests/support/test-database";
import {
  appendBatch,
  derivedSnapshot,
  incrementalThenFull,
  oneContractFill,
  putOn,
} from "./incremental-support";

const TRADER = "f2f2f2f2-0000-4000-8000-0000000000bb";
const ACCOUNT = "INC-1";
const NOW = new Date("2026-07-01T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });

const JUL_45 = putOn("RRR", "2026-07-17", "45");
const AUG_40 = putOn("RRR", "2026-08-21", "40");
const OTHER = putOn("ZZZ", "2026-09-18", "20");

let serial = 0;
function fill(
  contract: OptionContract,
  side: "buy" | "sell",
  effect: "open" | "close",
  day: string,
  price: string,
  orderId: string | null = null,
): PnlExecution {
  serial += 1;
  return {
    ...oneContractFill(`inc-fill-${serial}`, contract, side, effect, `${day}T15:00:00.000Z`, price),
    orderId,
    legId: orderId ? `${orderId}:${serial}` : null,
  };
}
const append = (...executions: PnlExecution[]) =>
  appendBatch(databases.db, TRADER, ACCOUNT, { executions, events: [], stockTrades: [] });

/** Recomputes incrementally, then whole, valuing at `iso` (`incrementalThenFull`). */
const recomputeAt = (iso: string) =>
  incrementalThenFull(databases.db, databases.owner, TRADER, new Date(iso));

async function touchedBooks() {
  const { rows } = await databases.owner.query(
    "SELECT book, underlying FROM recompute_touched_books ORDER BY book",
  );
  return rows;
}

describe("incremental recompute", () => {
  it("replays a roll chain whole when only its newest book is touched, and leaves other underlyings alone", async () => {
    // A put sold in June, rolled in one order to August (books JUL_45 and AUG_40), and a ZZZ put.
    await append(
      fill(JUL_45, "sell", "open", "2026-06-01", "1.50"),
      fill(OTHER, "sell", "open", "2026-06-01", "0.80"),
    );
    await append(
      fill(JUL_45, "buy", "close", "2026-06-15", "0.40", "roll-1"),
      fill(AUG_40, "sell", "open", "2026-06-15", "1.10", "roll-1"),
    );
    await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);
    const { rows: before } = await databases.owner.query(
      "SELECT id, created_at FROM roll_chains WHERE underlying = 'ZZZ'",
    );

    // Only the August book is touched: buying it back closes the chain that began in the July book.
    await append(fill(AUG_40, "buy", "close", "2026-06-25", "0.20"));
    expect(await touchedBooks()).toEqual([expect.objectContaining({ underlying: "RRR" })]);
    const run = await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);

    expect(run.incremental.scope).toEqual(["RRR"]);
    expect(run.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(run.afterFull).toEqual(run.afterIncremental);
    const { rows: chains } = await databases.owner.query(
      "SELECT status, roll_count, realized_pnl::text FROM roll_chains WHERE underlying = 'RRR'",
    );
    // (1.50 − 0.40 + 1.10 − 0.20) × 100 − 4 × 0.03 = 199.88, the July book's leg included.
    expect(chains).toEqual([{ status: "CLOSED", roll_count: 1, realized_pnl: "199.88000000" }]);
    // The ZZZ chain was outside the scope: not rewritten.
    const { rows: after } = await databases.owner.query(
      "SELECT id, created_at FROM roll_chains WHERE underlying = 'ZZZ'",
    );
    expect(after).toEqual(before);
    expect(await touchedBooks()).toEqual([]);
  });

  it("records a book touched twice once, and replays it once with both changes", async () => {
    await append(fill(JUL_45, "sell", "open", "2026-06-01", "1.50"));
    await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);

    await append(fill(JUL_45, "sell", "open", "2026-06-02", "1.40"));
    await append(fill(JUL_45, "buy", "close", "2026-06-03", "0.50"));
    const { rows } = await databases.owner.query("SELECT count(*)::int AS n FROM recompute_touched_books");
    expect(rows).toEqual([{ n: 1 }]);
    const run = await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);

    expect(run.incremental.scope).toEqual(["RRR"]);
    expect(run.incremental.executions).toBe(3);
    expect(run.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(run.afterFull).toEqual(run.afterIncremental);
    // FIFO: the 06-01 lot closed, the 06-02 lot still open.
    const { rows: lots } = await databases.owner.query("SELECT open_price::text FROM matched_lots");
    expect(lots).toEqual([{ open_price: "1.50000000" }]);
  });

  it("writes nothing when nothing was touched and no mark moved", async () => {
    await append(
      fill(JUL_45, "sell", "open", "2026-06-01", "1.50"),
      fill(OTHER, "sell", "open", "2026-06-01", "0.80"),
    );
    await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);
    const { rows: timestamps } = await databases.owner.query(
      "SELECT id, created_at FROM roll_chains ORDER BY id",
    );
    const snapshot = await derivedSnapshot(databases.owner);
    // A sync that found nothing new still queues the user.
    await databases.owner.query(
      "INSERT INTO recompute_queue (user_id, robinhood_user_id) SELECT id, robinhood_user_id FROM users",
    );

    const run = await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);

    expect(run.incremental.scope).toEqual([]);
    expect(run.incremental.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(run.incremental.executions).toBe(0);
    expect(await derivedSnapshot(databases.owner)).toEqual(snapshot);
    const { rows: after } = await databases.owner.query("SELECT id, created_at FROM roll_chains ORDER BY id");
    expect(after).toEqual(timestamps);
    const { rows: queued } = await databases.owner.query("SELECT count(*)::int AS n FROM recompute_queue");
    expect(queued).toEqual([{ n: 0 }]);
  });

  it("replays an underlying whose open position's mark moved, though no book was touched", async () => {
    await append(
      fill(JUL_45, "sell", "open", "2026-06-01", "1.50"),
      fill(OTHER, "sell", "open", "2026-06-01", "0.80"),
    );
    await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);
    await databases.owner.query(
      `INSERT INTO option_marks (instrument_id, as_of, mark_price)
       SELECT id, '2026-07-01 14:00:00+00', 0.35 FROM option_instruments WHERE underlying = 'ZZZ'`,
    );
    await databases.owner.query(
      "INSERT INTO recompute_queue (user_id, robinhood_user_id) SELECT id, robinhood_user_id FROM users",
    );

    const run = await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);

    expect(run.incremental.scope).toEqual(["ZZZ"]);
    expect(run.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    const { rows } = await databases.owner.query(
      "SELECT mark_price::text, unrealized_pnl::text FROM open_positions p JOIN option_instruments i ON i.id = p.instrument_id WHERE i.underlying = 'ZZZ'",
    );
    expect(rows).toEqual([{ mark_price: "0.35000000", unrealized_pnl: "44.97000000" }]);
  });

  it("replays every underlying from its cut on a new trading date, comparing what was open on the last one", async () => {
    await append(fill(JUL_45, "sell", "open", "2026-06-01", "1.50"));
    await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);
    await append(fill(OTHER, "sell", "open", "2026-06-02", "0.80"));

    const nextDay = await recomputeAt("2026-07-02T15:00:00Z");
    expect(nextDay.incremental).toMatchObject({
      scope: ["RRR", "ZZZ"],
      fullReason: null,
      // RRR only moved a day: what was open on 07-01; ZZZ from its new fill.
      settledBefore: { RRR: "2026-07-01", ZZZ: "2026-06-02" },
    });
    expect(nextDay.afterFull).toEqual(nextDay.afterIncremental);
    expect(nextDay.full).toMatchObject({ scope: null, fullReason: "asked for" });
    expect(nextDay.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });

    // Past JUL_45's expiration with no event: its lot closes as an inferred expiry on 07-17. The ZZZ
    // put is bought back that day.
    await append(fill(OTHER, "buy", "close", "2026-07-20", "0.10"));
    const afterExpiry = await recomputeAt("2026-07-20T15:00:00Z");
    expect(afterExpiry.incremental).toMatchObject({ scope: ["RRR", "ZZZ"], fullReason: null });
    expect(afterExpiry.afterFull).toEqual(afterExpiry.afterIncremental);
    expect(afterExpiry.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    const lots = await databases.owner.query(
      "SELECT close_kind, close_trade_date::text AS day FROM matched_lots ORDER BY close_trade_date",
    );
    expect(lots.rows).toEqual([
      { close_kind: "EXPIRATION_INFERRED", day: "2026-07-17" },
      { close_kind: "TRADE", day: "2026-07-20" },
    ]);
  });

  it("replays the whole history on a new trading date when some underlying has no recorded cut", async () => {
    await append(fill(JUL_45, "sell", "open", "2026-06-01", "1.50"));
    await incrementalThenFull(databases.db, databases.owner, TRADER, NOW);
    // As rows written before cuts were recorded: nothing names RRR's underlying any more.
    await databases.owner.query("DELETE FROM recompute_flat_cuts");
    await append(fill(OTHER, "sell", "open", "2026-06-02", "0.80"));

    const nextDay = await recomputeAt("2026-07-02T15:00:00Z");
    expect(nextDay.incremental).toMatchObject({ scope: null, fullReason: "new trading date" });
    expect(nextDay.afterFull).toEqual(nextDay.afterIncremental);
  });

  it("moves a closed lot to its chain's new id when an earlier position is rolled into the chain", async () => {
    // August sold and bought back: one chain, keyed by its first opening fill (the August sale).
    await append(fill(AUG_40, "sell", "open", "2026-06-15", "1.10"));
    await append(fill(AUG_40, "buy", "close", "2026-06-25", "0.20"));
    await recomputeAt("2026-07-01T15:00:00Z");
    const { rows: before } = await databases.owner.query("SELECT id, chain_id FROM matched_lots");
    expect(before).toHaveLength(1);

    // Imported later: a July put sold earlier and bought back the day August was sold, in an order of
    // its own, which rolls it into August. The chain's first opening fill is now the July sale, so
    // its id moves, and the August lot (same fills, same id) must name the new chain.
    await append(fill(JUL_45, "sell", "open", "2026-06-01", "1.50"));
    await append(fill(JUL_45, "buy", "close", "2026-06-15", "0.40"));
    const run = await recomputeAt("2026-07-01T15:00:00Z");

    expect(run.incremental.scope).toEqual(["RRR"]);
    expect(run.full.written).toEqual({ inserted: 0, updated: 0, deleted: 0 });
    expect(run.afterFull).toEqual(run.afterIncremental);
    const { rows: chains } = await databases.owner.query("SELECT id, roll_count FROM roll_chains");
    expect(chains).toEqual([{ id: expect.any(String), roll_count: 1 }]);
    expect(chains[0].id).not.toBe(before[0].chain_id);
    const { rows: lots } = await databases.owner.query("SELECT chain_id FROM matched_lots WHERE id = $1", [
      before[0].id,
    ]);
    expect(lots).toEqual([{ chain_id: chains[0].id }]);
  });
});
