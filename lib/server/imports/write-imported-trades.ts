import "server-only";
import {
  contractKey,
  type OptionContract,
  type PnlCorporateAction,
  type PnlExecution,
  type PnlLifecycleEvent,
  type PnlStockTrade,
} from "@/lib/pnl";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";
import { recordTouchedBooks, type TouchedBook } from "@/lib/server/recompute/record-touched-books";
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
 * The account every imported row is booked to (one per user; Robinhood's exports name none), made
 * on the first import. Its id, for `writeImportedTrades`.
 */
export async function storeCsvAccount(tx: SqlRunner, user: ScopedUser): Promise<string> {
  const [account] = await tx.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO broker_accounts (user_id, account_number, account_type, updated_at)
     VALUES ($1::uuid, $2::text, 'csv', now())
     ON CONFLICT (user_id, account_number) DO UPDATE SET account_number = EXCLUDED.account_number
     RETURNING id::text`,
    user.id,
    CSV_ACCOUNT_NUMBER,
  );
  if (!account) throw new Error("the import's account could not be stored");
  return account.id;
}

/**
 * Stores an import's fills (as orders, legs and executions) and lifecycle events under their
 * natural keys, skipping every one an earlier import already stored, so importing overlapping
 * files never duplicates a fill.
 */
export async function writeImportedTrades(
  tx: SqlRunner,
  user: ScopedUser,
  target: { importId: string; accountId: string },
  trades: ImportedTrades,
): Promise<WrittenTrades> {
  const { importId, accountId } = target;
  const instrumentIds = await storeInstruments(tx, [
    ...trades.executions.map((execution) => execution.contract),
    ...trades.events.map((event) => event.contract),
  ]);
  const newExecutions = await storeExecutions(tx, user, {
    accountId,
    importId,
    executions: trades.executions,
    instrumentIds,
  });
  const newEvents = await storeEvents(tx, user, {
    accountId,
    importId,
    events: trades.events,
    instrumentIds,
  });
  const newStockTrades = await storeImportedStockTrades(tx, user, {
    accountId,
    importId,
    stockTrades: trades.stockTrades ?? [],
  });
  const newCorporateActions = await storeCorporateActions(tx, user, {
    accountId,
    importId,
    actions: trades.corporateActions ?? [],
  });
  // The batch's books, when it stored anything (a batch an earlier file already brought touches
  // nothing): the next recompute replays their underlyings.
  if (newExecutions + newEvents + newStockTrades > 0) {
    // With the earliest date written in each: the recompute starts at the book's flat cut when it is before.
    const books: TouchedBook[] = [];
    const instrumentOf = (contract: OptionContract) => instrumentIds.get(contractKey(contract)) as string;
    for (const { contract, tradeDate } of trades.executions)
      books.push({ accountId, instrumentId: instrumentOf(contract), fromDay: tradeDate });
    for (const { contract, date } of trades.events)
      books.push({ accountId, instrumentId: instrumentOf(contract), fromDay: date });
    for (const { symbol, tradeDate } of trades.stockTrades ?? [])
      books.push({ accountId, symbol, fromDay: tradeDate });
    await recordTouchedBooks(tx, user, books);
  }
  return { newExecutions, newEvents, newStockTrades, newCorporateActions };
}
