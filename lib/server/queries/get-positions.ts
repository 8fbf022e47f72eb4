import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import {
  byExpiryUnderlyingStrike,
  type OpenPositionRow,
  openPositionRow,
  withContracts,
} from "./position-row";
import { type StockPositionRow, stockPositionRow } from "./stock-position-row";

export type Positions = { options: OpenPositionRow[]; stock: StockPositionRow[] };

export type GetPositionsOptions = { robinhoodUserId: string; db?: Database };

/** Open option positions (nearest expiry first) and every symbol of the stock ledger. */
export async function getPositions(options: GetPositionsOptions): Promise<Positions> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const positions = (
      await withContracts(tx, await tx.openPosition.findMany({ where: { userId: user.id } }))
    ).sort(byExpiryUnderlyingStrike);
    const stock = await tx.stockPosition.findMany({
      where: { userId: user.id },
      orderBy: [{ symbol: "asc" }, { id: "asc" }],
    });
    return {
      options: positions.map(openPositionRow),
      stock: stock.map(stockPositionRow),
    };
  });
}
