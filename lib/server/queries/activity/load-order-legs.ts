import "server-only";
import { divRounded, formatDecimal, parseDecimal, RATIO_ROUNDING } from "@/lib/money";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { IMPORT_ROWS_PER_PAGE } from "../get-import";
import type { FillOrigin, FillView, LegView } from "./activity-types";

type LegFillRow = {
  order_id: string;
  broker_order_id: string;
  source: "API" | "CSV";
  leg_id: string;
  side: "BUY" | "SELL";
  position_effect: "OPEN" | "CLOSE";
  underlying: string;
  expiration: string;
  strike: string;
  option_type: "CALL" | "PUT";
  multiplier: string;
  leg_quantity: string;
  leg_notional: string;
  leg_fees: string;
  fill_id: string | null;
  broker_execution_id: string | null;
  executed_at: Date | null;
  trade_date: string | null;
  quantity: string | null;
  price: string | null;
  fees: string | null;
  amount: string | null;
  import_id: string | null;
  file_name: string | null;
  row_number: number | null;
  rows_before: number | null;
};

/** An imported fill's id is `rh:` + the natural key of the file row it came from (`import_rows.row_hash`). */
const IMPORTED_FILL_PREFIX = "rh:";

/**
 * The legs of some orders with their fills, each fill with its origin: the Robinhood order, or the
 * imported file and row (with the page of the import's row list that shows it). Sums are exact
 * `numeric`; the average price is divided once, here, to the micro.
 */
export async function loadOrderLegs(
  tx: UserTransaction,
  orderIds: string[],
): Promise<Map<string, LegView[]>> {
  const legsByOrder = new Map<string, LegView[]>();
  if (orderIds.length === 0) return legsByOrder;
  const rows = await tx.$queryRaw<LegFillRow[]>`
    SELECT o.id::text AS order_id, o.broker_order_id, o.source::text AS source,
           l.id::text AS leg_id, l.side::text AS side, l.position_effect::text AS position_effect,
           i.underlying, i.expiration_date::text AS expiration, trim_scale(i.strike_price)::text AS strike,
           i.option_type::text AS option_type, trim_scale(i.multiplier)::text AS multiplier,
           trim_scale(coalesce(sum(x.quantity) OVER leg, 0))::text AS leg_quantity,
           trim_scale(coalesce(sum(x.price * x.quantity) OVER leg, 0))::text AS leg_notional,
           trim_scale(coalesce(sum(x.fees) OVER leg, 0))::text AS leg_fees,
           x.id::text AS fill_id, x.broker_execution_id, x.executed_at, x.trade_date::text AS trade_date,
           trim_scale(x.quantity)::text AS quantity, trim_scale(x.price)::text AS price,
           trim_scale(x.fees)::text AS fees,
           trim_scale(CASE WHEN l.side = 'SELL' THEN 1 ELSE -1 END * x.price * x.quantity * i.multiplier - x.fees)::text
             AS amount,
           r.import_id::text AS import_id, f.file_name, r.row_number,
           (SELECT count(*)::int FROM import_rows b
             WHERE b.import_id = r.import_id AND b.row_number < r.row_number) AS rows_before
    FROM option_orders o
    JOIN option_legs l ON l.order_id = o.id
    JOIN option_instruments i ON i.id = l.instrument_id
    LEFT JOIN option_executions x ON x.leg_id = l.id
    LEFT JOIN import_rows r ON x.broker_execution_id LIKE ${`${IMPORTED_FILL_PREFIX}%`}
      AND r.user_id = x.user_id AND r.row_hash = substr(x.broker_execution_id, ${IMPORTED_FILL_PREFIX.length + 1})
    LEFT JOIN imports f ON f.id = r.import_id
    WHERE o.id = ANY(${orderIds}::uuid[])
    WINDOW leg AS (PARTITION BY l.id)
    ORDER BY o.id, l.broker_leg_id, x.executed_at, x.broker_execution_id`;
  const legs = new Map<string, LegView>();
  for (const row of rows) {
    let leg = legs.get(row.leg_id);
    if (!leg) {
      const quantity = parseDecimal(row.leg_quantity);
      leg = {
        id: row.leg_id,
        side: row.side,
        positionEffect: row.position_effect,
        contract: {
          underlying: row.underlying,
          expiration: row.expiration,
          strike: row.strike,
          optionType: row.option_type,
          multiplier: row.multiplier,
        },
        filledQuantity: row.leg_quantity,
        averagePrice:
          quantity === 0
            ? null
            : formatDecimal(divRounded(parseDecimal(row.leg_notional), quantity, RATIO_ROUNDING)),
        fees: row.leg_fees,
        fills: [],
      };
      legs.set(row.leg_id, leg);
      const orderLegs = legsByOrder.get(row.order_id);
      if (orderLegs) orderLegs.push(leg);
      else legsByOrder.set(row.order_id, [leg]);
    }
    if (row.fill_id === null) continue;
    leg.fills.push(fillView(row));
  }
  return legsByOrder;
}

function fillView(row: LegFillRow): FillView {
  const origin: FillOrigin =
    row.source === "API"
      ? { source: "API", brokerOrderId: row.broker_order_id }
      : row.import_id !== null && row.row_number !== null
        ? {
            source: "CSV",
            importId: row.import_id,
            fileName: row.file_name ?? "",
            rowNumber: row.row_number,
            page: Math.floor((row.rows_before ?? 0) / IMPORT_ROWS_PER_PAGE) + 1,
          }
        : { source: "CSV", importId: null };
  return {
    id: row.fill_id as string,
    brokerExecutionId: row.broker_execution_id as string,
    executedAt: (row.executed_at as Date).toISOString(),
    tradeDate: row.trade_date as string,
    quantity: row.quantity as string,
    price: row.price as string,
    fees: row.fees as string,
    amount: row.amount as string,
    origin,
  };
}
