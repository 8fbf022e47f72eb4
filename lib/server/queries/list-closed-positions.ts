import "server-only";
import type { ClosedPosition } from "@/lib/analytics";
import { parseDecimal } from "@/lib/money";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";

type ClosedPositionRow = {
  id: string;
  underlying: string;
  strategy: string | null;
  opened_on: string;
  closed_on: string;
  days_held: number;
  realized: string;
  opening_credit: string;
  first_expiration: string | null;
};

/**
 * Every closed roll chain of the user as a `ClosedPosition`. The opening credit and the first
 * contract's expiration come from the chain's matched lots (a closed chain has all its lots matched):
 * the credit is the opening premium of each lot, short positive and long negative, times its
 * contract's own multiplier, summed exactly by PostgreSQL `numeric`.
 */
export async function listClosedPositions(tx: UserTransaction, userId: string): Promise<ClosedPosition[]> {
  const rows = await tx.$queryRaw<ClosedPositionRow[]>`
    WITH lots AS (
      SELECT l.chain_id, l.side, l.open_price, l.quantity, l.opened_at, i.multiplier, i.expiration_date
      FROM matched_lots l JOIN option_instruments i ON i.id = l.instrument_id
      WHERE l.user_id = ${userId}::uuid AND l.chain_id IS NOT NULL
    ), credit AS (
      SELECT chain_id,
             sum(CASE WHEN side = 'SHORT' THEN 1 ELSE -1 END * open_price * quantity * multiplier) AS credit
      FROM lots GROUP BY chain_id
    ), first_leg AS (
      SELECT DISTINCT ON (chain_id) chain_id, expiration_date
      FROM lots ORDER BY chain_id, opened_at, expiration_date
    )
    SELECT c.id::text, c.underlying, c.strategy,
           (c.opened_at AT TIME ZONE 'UTC')::date::text AS opened_on,
           (c.closed_at AT TIME ZONE 'UTC')::date::text AS closed_on,
           c.days_held,
           c.realized_pnl::text AS realized,
           coalesce(cr.credit, 0)::text AS opening_credit,
           f.expiration_date::text AS first_expiration
    FROM roll_chains c
    LEFT JOIN credit cr ON cr.chain_id = c.id
    LEFT JOIN first_leg f ON f.chain_id = c.id
    WHERE c.user_id = ${userId}::uuid AND c.status <> 'OPEN' AND c.closed_at IS NOT NULL
    ORDER BY c.closed_at, c.id`;
  return rows.map((row) => ({
    id: row.id,
    underlying: row.underlying,
    strategy: row.strategy,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    daysHeld: row.days_held,
    realized: parseDecimal(row.realized),
    openingCredit: parseDecimal(row.opening_credit),
    firstExpiration: row.first_expiration,
  }));
}
