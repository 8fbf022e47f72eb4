import "server-only";
import type { PnlCorporateAction, PnlExecution, PnlLifecycleEvent, PnlStockTrade } from "@/lib/pnl";
import type { ScopedUser, UserTransaction } from "@/lib/server/db/with-user-transaction";
import { CSV_ACCOUNT_NUMBER } from "./csv-ids";
import { storeCorporateActions } from "./store-corporate-actions";
import { storeEvents } from "./store-imported-events";
import { storeExecutions } from "./store-imported-fills";
import { storeImportedStockTrades } from "./store-imported-stock-trades";
import { storeInstruments } from "./store-instruments";

/**
 * What one batch of an import adds. A large file comes in several batches, each written by its own
 * call; every store below skips what an earlier batch or file already stored (natural keys), so a
 * batch boundary changes nothing. Stock trades and corporate actions travel with their batch the
 * same way (corporate actions all come in the last one: they need the whole file).
 */
export type ImportedTrades = {
  executions: PnlExecution[];
  events: PnlLifecycleEvent[];
  stockTrades?: readonly PnlStockTrade[];
  corporateActions?: readonly PnlCorporateAction[];
};

export type WrittenTrades = {
  /** Fills and events stored now; the others were stored by an earlier import of the same rows. */
  newExecutions: number;
  newEvents: number;
  newStockTrades: number;
  newCorporateActions: number;
};

/**
 * Stores an import's fills (as orders, legs and executions) and lifecycle events under their
 * natural keys, skipping every one an earlier import already stored, so importing overlapping
 * files never duplicates a fill.
 */
export async function writeImportedTrades(
  tx: UserTransaction,
  user: ScopedUser,
  importId: string,
  trades: ImportedTrades,
): Promise<WrittenTrades> {
  const account = await tx.brokerAccount.upsert({
    where: { userId_accountNumber: { userId: user.id, accountNumber: CSV_ACCOUNT_NUMBER } },
    create: { userId: user.id, accountNumber: CSV_ACCOUNT_NUMBER, accountType: "csv" },
    update: {},
    select: { id: true },
  });
  const instrumentIds = await storeInstruments(tx, [
    ...trades.executions.map((execution) => execution.contract),
    ...trades.events.map((event) => event.contract),
  ]);
  const newExecutions = await storeExecutions(tx, user, {
    accountId: account.id,
    importId,
    executions: trades.executions,
    instrumentIds,
  });
  const newEvents = await storeEvents(tx, user, {
    accountId: account.id,
    importId,
    events: trades.events,
    instrumentIds,
  });
  const newStockTrades = await storeImportedStockTrades(tx, user, {
    accountId: account.id,
    importId,
    stockTrades: trades.stockTrades ?? [],
  });
  const newCorporateActions = await storeCorporateActions(tx, user, {
    accountId: account.id,
    importId,
    actions: trades.corporateActions ?? [],
  });
  return { newExecutions, newEvents, newStockTrades, newCorporateActions };
}
