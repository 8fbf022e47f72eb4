import "server-only";
import { dateColumn } from "@/lib/dates/trading-date";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import type { SyncProgress } from "./sync-types";

export type BeginSyncOptions = {
  db?: Database;
  robinhoodUserId: string;
  startedAt: Date;
  /** Trading date (`YYYY-MM-DD`) of "now": contracts expiring on or after it are still live. */
  today: string;
  progress: SyncProgress;
};

export type SyncStart = {
  userId: string;
  ordersWatermark: Date | null;
  stockOrdersWatermark: Date | null;
  /** Symbols the user has stock trades of (any source): they get fresh quotes. */
  stockSymbols: string[];
  /** Accounts synced before: their orders are fetched incrementally, new accounts in full. */
  knownAccountNumbers: Set<string>;
  /** Robinhood ids of the user's contracts that have not expired: they get fresh marks. */
  liveInstrumentIds: string[];
  /** Underlyings of those contracts: they get fresh quotes (distance to strike, delta dollars). */
  liveUnderlyings: string[];
};

/** Marks the sync RUNNING (its own short transaction) and reads where the last one stopped. */
export async function beginSync(options: BeginSyncOptions): Promise<SyncStart> {
  return withUserTransaction(
    { db: options.db, robinhoodUserId: options.robinhoodUserId, purpose: "work" },
    async (tx, user) => {
      const running = {
        status: "RUNNING" as const,
        lastStartedAt: options.startedAt,
        progress: options.progress,
      };
      const state = await tx.syncState.upsert({
        where: { userId: user.id },
        create: { userId: user.id, ...running },
        update: running,
        select: { ordersWatermark: true, stockOrdersWatermark: true },
      });
      const accounts = await tx.brokerAccount.findMany({
        where: { userId: user.id },
        select: { accountNumber: true },
      });
      const live = await tx.optionInstrument.findMany({
        where: {
          robinhoodId: { not: null },
          expirationDate: { gte: dateColumn(options.today) },
          OR: [{ legs: { some: { userId: user.id } } }, { events: { some: { userId: user.id } } }],
        },
        select: { robinhoodId: true, underlying: true },
      });
      const symbols = await tx.stockTrade.findMany({
        where: { userId: user.id },
        distinct: ["symbol"],
        select: { symbol: true },
      });
      return {
        userId: user.id,
        ordersWatermark: state.ordersWatermark,
        stockOrdersWatermark: state.stockOrdersWatermark,
        stockSymbols: symbols.map((row) => row.symbol),
        knownAccountNumbers: new Set(accounts.map((account) => account.accountNumber)),
        liveInstrumentIds: live.flatMap((instrument) =>
          instrument.robinhoodId ? [instrument.robinhoodId] : [],
        ),
        liveUnderlyings: [...new Set(live.map((instrument) => instrument.underlying))],
      };
    },
  );
}
