import "server-only";
import type { PnlCorporateAction } from "@/lib/pnl";
import { insertRows } from "@/lib/server/db/insert-rows";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";

const CORPORATE_ACTION_COLUMNS = {
  userId: "uuid",
  accountId: "uuid",
  brokerActionId: "text",
  type: '"CorporateActionType"',
  effectiveDate: "date",
  symbol: "text",
  newSymbol: "text",
  sharesAfter: "numeric",
  sharesBefore: "numeric",
  importId: "uuid",
} as const;

/**
 * Stores an import's renames and splits under their natural keys (`rh-oca:` / `rh-spl:` + a row
 * key), skipping those an earlier import already stored. Returns how many were new.
 */
export async function storeCorporateActions(
  tx: SqlRunner,
  user: ScopedUser,
  options: { accountId: string; importId: string; actions: readonly PnlCorporateAction[] },
): Promise<number> {
  return insertRows(
    tx,
    "corporate_actions",
    options.actions.map((action) => ({
      userId: user.id,
      accountId: options.accountId,
      brokerActionId: action.id,
      type: action.type === "rename" ? "RENAME" : "SPLIT",
      effectiveDate: action.date,
      symbol: action.symbol,
      newSymbol: action.type === "rename" ? action.newSymbol : null,
      sharesAfter: action.type === "split" ? action.sharesAfter : null,
      sharesBefore: action.type === "split" ? action.sharesBefore : null,
      importId: options.importId,
    })),
    CORPORATE_ACTION_COLUMNS,
    { onConflictDoNothing: true },
  );
}
