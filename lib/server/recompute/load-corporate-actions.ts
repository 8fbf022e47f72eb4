import "server-only";
import type { PnlCorporateAction } from "@/lib/pnl";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";

type CorporateActionRow = {
  broker_action_id: string;
  account_id: string;
  type: string;
  effective_date: string;
  symbol: string;
  new_symbol: string | null;
  shares_after: string | null;
  shares_before: string | null;
  created_at: Date;
};

/**
 * A user's renames and splits as engine input. Unlike imported fills they are kept whatever a sync
 * brings: Robinhood's API reports no corporate actions, and a rename applies to synced positions too.
 */
export async function loadCorporateActions(
  tx: UserTransaction,
  userId: string,
  seen: (at: Date) => void,
): Promise<PnlCorporateAction[]> {
  const rows = await tx.$queryRaw<CorporateActionRow[]>`
    SELECT broker_action_id, account_id::text, type::text, effective_date::text AS effective_date, symbol,
           new_symbol, trim_scale(shares_after)::text AS shares_after,
           trim_scale(shares_before)::text AS shares_before, created_at
    FROM corporate_actions WHERE user_id = ${userId}::uuid
    ORDER BY effective_date, broker_action_id`;
  return rows.map((row): PnlCorporateAction => {
    seen(row.created_at);
    const base = {
      id: row.broker_action_id,
      accountId: row.account_id,
      date: row.effective_date,
      symbol: row.symbol,
    };
    // The table's CHECK constraint guarantees each type's columns.
    return row.type === "RENAME"
      ? { ...base, type: "rename", newSymbol: row.new_symbol as string }
      : {
          ...base,
          type: "split",
          sharesAfter: row.shares_after as string,
          sharesBefore: row.shares_before as string,
        };
  });
}
