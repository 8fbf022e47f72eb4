import "server-only";
import type { WheelCycle } from "@/lib/pnl";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { dateText, dateTextOrNull, decimalText, decimalTextOrNull } from "./decimal-text";
import { type StockPositionRow, stockPositionRow } from "./stock-position-row";

/**
 * One wheel cycle as the Wheel page shows it: the engine's cycle as stored (its `id` is the row's),
 * without the account and the gross cost basis, which the page does not show.
 */
export type WheelCycleRow = Omit<WheelCycle, "accountId" | "costBasis" | "costBasisPerShare">;

export type Wheel = {
  /** Open cycles first, then the newest. */
  cycles: WheelCycleRow[];
  /** Symbols with shares held now. */
  holdings: StockPositionRow[];
};

export type GetWheelOptions = { robinhoodUserId: string; db?: Database };

/** The Wheel page: every cycle of puts, shares and covered calls, and the shares held now. */
export async function getWheel(options: GetWheelOptions): Promise<Wheel> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const cycles = await tx.wheelCycle.findMany({
      where: { userId: user.id },
      orderBy: [{ status: "asc" }, { startedOn: "desc" }, { underlying: "asc" }, { id: "asc" }],
    });
    const holdings = await tx.stockPosition.findMany({
      where: { userId: user.id, NOT: { quantity: 0 } },
      orderBy: [{ symbol: "asc" }, { id: "asc" }],
    });
    return {
      cycles: cycles.map((cycle) => ({
        id: cycle.id,
        underlying: cycle.underlying,
        status: cycle.status === "OPEN" ? "open" : "closed",
        startedOn: dateText(cycle.startedOn),
        endedOn: dateTextOrNull(cycle.endedOn),
        days: cycle.days,
        premiumCollected: decimalText(cycle.premiumCollected),
        optionRealized: decimalText(cycle.optionRealized),
        stockRealized: decimalText(cycle.stockRealized),
        realized: decimalText(cycle.realizedPnl),
        sharesHeld: decimalText(cycle.sharesHeld),
        netCostBasisPerShare: decimalTextOrNull(cycle.netCostBasisPerShare),
        capitalTiedUp: decimalText(cycle.capitalTiedUp),
        returnOnCapital: decimalTextOrNull(cycle.returnOnCapital),
        putsAssigned: decimalText(cycle.putsAssigned),
        callsAssigned: decimalText(cycle.callsAssigned),
      })),
      holdings: holdings.map(stockPositionRow),
    };
  });
}
