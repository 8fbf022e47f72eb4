import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertRows } from "@/lib/server/db/insert-rows";
import { RAW_TABLE_COLUMNS } from "@/lib/server/db/raw-table-columns";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import type { SnapshotStockFill } from "./robinhood-snapshot";
import { rowDiffers } from "./row-differs";

export type WrittenStockFills = { inserted: number; updated: number };

/**
 * Stores equity-order fills as stock trades of kind TRADE, keyed by the execution id (unique per
 * user), so re-reading the overlap never duplicates one. A known fill is updated only where Robinhood
 * changed it: its fee share moves when more fills of the same order arrive.
 */
export async function writeStockFills(
  tx: UserTransaction,
  user: ScopedUser,
  options: { fills: SnapshotStockFill[]; accountIds: Map<string, string> },
): Promise<WrittenStockFills> {
  const existing = await tx.stockTrade.findMany({
    where: { userId: user.id, brokerTradeId: { in: options.fills.map((fill) => fill.brokerTradeId) } },
    select: { id: true, brokerTradeId: true, fees: true },
  });
  const stored = new Map(existing.map((row) => [row.brokerTradeId, row]));
  let updated = 0;
  const fresh: SnapshotStockFill[] = [];
  for (const fill of options.fills) {
    const row = stored.get(fill.brokerTradeId);
    if (!row) {
      fresh.push(fill);
    } else if (rowDiffers(row, { fees: fill.fees })) {
      await tx.stockTrade.update({
        where: { id: row.id },
        data: { fees: fill.fees, raw: fill.raw as Prisma.InputJsonObject },
      });
      updated += 1;
    }
  }
  await insertRows(
    tx,
    "stock_trades",
    fresh.map((fill) => ({
      userId: user.id,
      accountId: accountIdOf(options.accountIds, fill.accountNumber),
      brokerTradeId: fill.brokerTradeId,
      kind: "TRADE",
      source: "API",
      symbol: fill.symbol,
      side: fill.side,
      quantity: fill.quantity,
      price: fill.price,
      amount: fill.amount,
      fees: fill.fees,
      executedAt: fill.executedAt,
      tradeDate: fill.tradeDate,
      settlementDate: fill.settlementDate,
      brokerOrderId: fill.brokerOrderId,
      raw: fill.raw,
    })),
    RAW_TABLE_COLUMNS.stock_trades,
  );
  return { inserted: fresh.length, updated };
}

function accountIdOf(ids: Map<string, string>, accountNumber: string): string {
  const id = ids.get(accountNumber);
  if (id === undefined) throw new Error(`no stored account for ${accountNumber}`);
  return id;
}
