import type pg from "pg";
import type { OptionContract, PnlExecution, PnlLifecycleEvent, PnlStockTrade } from "@/lib/pnl";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { writeImportedTrades } from "@/lib/server/imports/write-imported-trades";
import { DERIVED_TABLES as DERIVED_ROW_TABLES } from "@/lib/server/recompute/derived-rows";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";

export const DERIVED_TABLES = [
  ...DERIVED_ROW_TABLES,
  // Not shown anywhere, but what the next incremental recompute starts from.
  "recompute_flat_cuts",
] as const;

/** Every derived row of the database, per table, in a stable order, without insertion timestamps. */
export async function derivedSnapshot(owner: pg.Client): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of DERIVED_TABLES) {
    const { rows } = await owner.query(`SELECT * FROM ${table}`);
    snapshot[table] = rows
      .map(({ created_at: _ignored, ...row }) => JSON.stringify(row))
      .sort()
      .map((row) => JSON.parse(row));
  }
  return snapshot;
}

/** A put on `underlying` (100 shares a contract). */
export const putOn = (underlying: string, expiration: string, strike: string): OptionContract => ({
  underlying,
  expiration,
  strike,
  optionType: "put",
  multiplier: "100",
});

/** One fill of one contract, 0.03 fees, traded on the UTC day of `executedAt` (ISO 8601). */
export function oneContractFill(
  id: string,
  contract: OptionContract,
  side: "buy" | "sell",
  effect: "open" | "close",
  executedAt: string,
  price: string,
): PnlExecution {
  return {
    id,
    accountId: "ignored",
    orderId: null,
    legId: null,
    contract,
    side,
    positionEffect: effect,
    quantity: "1",
    price,
    fees: "0.03",
    executedAt,
    tradeDate: executedAt.slice(0, 10),
  };
}

/**
 * A maker of one-contract fills with ids `<prefix>-<n>`, at 15:00 UTC of their trading day: a sell at
 * 2.00, a buy at 1.00, 0.03 fees each.
 */
export function oneContractFills(prefix: string) {
  let serial = 0;
  return (
    contract: OptionContract,
    side: "buy" | "sell",
    effect: "open" | "close",
    day: string,
  ): PnlExecution => {
    serial += 1;
    return oneContractFill(
      `${prefix}-${serial}`,
      contract,
      side,
      effect,
      `${day}T15:00:00.000Z`,
      side === "sell" ? "2.00" : "1.00",
    );
  };
}

export type Batch = {
  executions: PnlExecution[];
  events: PnlLifecycleEvent[];
  stockTrades: PnlStockTrade[];
};

/**
 * Writes one batch the way an import does (`writeImportedTrades` records the touched books) into
 * the user's account `accountNumber`, and queues the recompute, in one user transaction.
 */
export async function appendBatch(
  db: Database,
  robinhoodUserId: string,
  accountNumber: string,
  batch: Batch,
) {
  await withUserTransaction({ db, robinhoodUserId, purpose: "sign-in" }, async (tx, user) => {
    const account = await tx.brokerAccount.upsert({
      where: { userId_accountNumber: { userId: user.id, accountNumber } },
      create: { userId: user.id, accountNumber },
      update: {},
    });
    const created = await tx.import.create({
      data: {
        userId: user.id,
        fileName: "batch.csv",
        fileSha256: `${Math.random()}`,
        format: "ACTIVITY_REPORT",
        status: "COMPLETED",
        rowCount: 1,
      },
    });
    await writeImportedTrades(tx, user, { importId: created.id, accountId: account.id }, batch);
    await markInputsChanged(tx, user, { full: false });
  });
}

/**
 * Recomputes as sync and import do (incremental when exact), then replays the whole history and
 * returns both: the full replay must find nothing to write, and leave the same rows.
 */
export async function incrementalThenFull(
  db: Database,
  owner: pg.Client,
  robinhoodUserId: string,
  now: Date,
  /** How many rows the incremental run stages inline (its default when left out). */
  inlineStagingRows?: number,
  /** From how many fills both runs keep an underlying's saved input (the default when left out). */
  inputSnapshotMinFills?: number,
) {
  const incremental = await recomputeUserPnl({
    db,
    robinhoodUserId,
    trigger: "sync",
    now,
    inlineStagingRows,
    inputSnapshotMinFills,
  });
  const afterIncremental = await derivedSnapshot(owner);
  const full = await recomputeUserPnl({
    db,
    robinhoodUserId,
    trigger: "manual",
    now,
    mode: "full",
    inputSnapshotMinFills,
  });
  const afterFull = await derivedSnapshot(owner);
  return { incremental, full, afterIncremental, afterFull };
}
