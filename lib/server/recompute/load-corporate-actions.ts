import "server-only";
import type { PnlCorporateAction, PnlExecution } from "@/lib/pnl";
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
  /** Told each action's creation instant, epoch milliseconds (the run's input watermark). */
  seen: (ms: number) => void,
): Promise<PnlCorporateAction[]> {
  const rows = await tx.$queryRaw<CorporateActionRow[]>`
    SELECT broker_action_id, account_id::text, type::text, effective_date::text AS effective_date, symbol,
           new_symbol, trim_scale(shares_after)::text AS shares_after,
           trim_scale(shares_before)::text AS shares_before, created_at
    FROM corporate_actions WHERE user_id = ${userId}::uuid
    ORDER BY effective_date, broker_action_id`;
  return rows.map((row): PnlCorporateAction => {
    seen(row.created_at.getTime());
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

/** Order id prefix under which imports before corporate actions booked an OCA pair as two fills at 0. */
const LEGACY_SWAP_PREFIX = "rh-oca:";

/**
 * Says which fills to leave out: the zero-price close-and-open fills an earlier version of the
 * importer made of an OCA pair, where a stored rename now says the same (an overlapping file imported since brought it):
 * otherwise the rename would move the position and the old fills would close and reopen it again.
 * Without such a rename the old fills stay, and keep meaning what they did. A class, not a closure
 * made per recompute, so the code that asks stays compiled between recomputes.
 */
export class SupersededSwaps {
  private readonly renamed = new Set<string>();

  constructor(actions: readonly PnlCorporateAction[]) {
    for (const action of actions) {
      if (action.type !== "rename") continue;
      this.renamed.add(`${action.accountId}|${action.date}|${action.symbol}`);
      this.renamed.add(`${action.accountId}|${action.date}|${action.newSymbol}`);
    }
  }

  covers(accountId: string, orderId: string | null, tradeDate: string, underlying: string): boolean {
    return (
      this.renamed.size > 0 &&
      orderId?.startsWith(LEGACY_SWAP_PREFIX) === true &&
      this.renamed.has(`${accountId}|${tradeDate}|${underlying}`)
    );
  }
}

/** The fills `SupersededSwaps` keeps, for callers that hold executions as objects. */
export function withoutSupersededSwaps(
  executions: PnlExecution[],
  actions: readonly PnlCorporateAction[],
): PnlExecution[] {
  const superseded = new SupersededSwaps(actions);
  return executions.filter(
    (execution) =>
      !superseded.covers(
        execution.accountId,
        execution.orderId ?? null,
        execution.tradeDate,
        execution.contract.underlying,
      ),
  );
}
