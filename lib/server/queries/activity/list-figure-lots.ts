import "server-only";
import { type Grouping, groupKeyOf } from "@/lib/analytics";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import type { UserTransaction } from "@/lib/server/db/with-user-transaction";
import { decimalText } from "../decimal-text";
import { listClosedPositions } from "../list-closed-positions";
import type { LotView } from "../lot-view";

export const LOTS_PAGE_SIZE = 100;

/**
 * Which figure's lots: every filter narrows the user's matched lots. No filter is the dashboard's
 * realized total; `underlying` a row of the per-underlying table; `chain` a chain's realized; `day` a
 * calendar day; `from`/`to` a range of closing days; `contract` a contract's closed lots; `by` +
 * `group` a row of the Statistics table (the closed chains in that group, by the statistics' own rule).
 */
export type LotFilters = {
  underlying?: string;
  chain?: string;
  day?: string;
  from?: string;
  to?: string;
  contract?: string;
  statistics?: { by: Grouping; group: string };
};

/** A fill a lot was opened or closed by, with the order it belongs to (for the link). */
export type LotFill = {
  id: string;
  orderId: string;
  brokerOrderId: string;
  tradeDate: string;
  price: string;
};

/** A lot of a figure: the chain's lot view, with the fills and event it joins for their links. */
export type FigureLot = LotView & {
  chainId: string | null;
  instrumentId: string;
  openFill: LotFill | null;
  closeFill: LotFill | null;
  /** The expiration, assignment or exercise that closed the lot (null for trades and inferred expiries). */
  closeEvent: { id: string; brokerEventId: string } | null;
};

export type FigureLots = {
  lots: FigureLot[];
  /** Over every matching lot, not only this page: the figure the lots make up. */
  count: number;
  realized: string;
  fees: string;
  page: number;
  pageCount: number;
};

export type ListFigureLotsOptions = {
  robinhoodUserId: string;
  filters: LotFilters;
  page?: number;
  pageSize?: number;
  db?: Database;
};

type LotRow = {
  id: string;
  chain_id: string | null;
  instrument_id: string;
  underlying: string;
  expiration: string;
  strike: string;
  option_type: "CALL" | "PUT";
  multiplier: string;
  side: "LONG" | "SHORT";
  quantity: string;
  open_price: string;
  close_price: string;
  opened_on: string;
  closed_on: string;
  close_kind: FigureLot["closeKind"];
  fees: string;
  realized: string;
  open_fill_id: string | null;
  open_order_id: string | null;
  open_broker_order_id: string | null;
  open_trade_date: string | null;
  open_fill_price: string | null;
  close_fill_id: string | null;
  close_order_id: string | null;
  close_broker_order_id: string | null;
  close_trade_date: string | null;
  close_fill_price: string | null;
  close_event_id: string | null;
  close_broker_event_id: string | null;
};

/**
 * The matched lots a figure is made of (null when the chain named is not the user's), a page at a time, with totals over all of them (exact
 * `numeric` sums, equal to the figure). A lot's key names the fills and event it joins
 * (`<opening fill>><closing fill or event>#<n>`, lib/server/recompute/derived-rows.ts), by the
 * broker ids that are unique per user, so each lot links to its opening and closing fills.
 */
export async function listFigureLots(options: ListFigureLotsOptions): Promise<FigureLots | null> {
  const pageSize = options.pageSize ?? LOTS_PAGE_SIZE;
  return readAsUser(options, async (tx, user) => {
    // A chain that is not the user's (or does not exist) is unknown: the page answers 404.
    const { chain } = options.filters;
    if (chain && (await tx.rollChain.count({ where: { id: chain, userId: user.id } })) === 0) return null;
    const where = await lotConditions(tx, user.id, options.filters);
    const [totals] = await tx.$queryRaw<{ count: number; realized: string; fees: string }[]>`
      SELECT count(*)::int AS count, coalesce(sum(l.realized_pnl), 0)::text AS realized,
             coalesce(sum(l.fees), 0)::text AS fees
      FROM matched_lots l JOIN option_instruments i ON i.id = l.instrument_id WHERE ${where}`;
    const count = totals?.count ?? 0;
    const pageCount = Math.max(1, Math.ceil(count / pageSize));
    const page = Math.min(Math.max(1, options.page ?? 1), pageCount);
    const rows = await tx.$queryRaw<LotRow[]>`
      WITH page AS (
        SELECT l.*, split_part(l.lot_key, '>', 1) AS open_key,
               regexp_replace(split_part(l.lot_key, '>', 2), '#[0-9]+$', '') AS close_key
        FROM matched_lots l JOIN option_instruments i ON i.id = l.instrument_id
        WHERE ${where}
        ORDER BY l.close_trade_date DESC, l.closed_at DESC, l.lot_key
        LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}
      )
      SELECT p.id::text, p.chain_id::text, p.instrument_id::text, i.underlying,
             i.expiration_date::text AS expiration, trim_scale(i.strike_price)::text AS strike,
             i.option_type::text AS option_type, trim_scale(i.multiplier)::text AS multiplier,
             p.side::text AS side, trim_scale(p.quantity)::text AS quantity,
             trim_scale(p.open_price)::text AS open_price, trim_scale(p.close_price)::text AS close_price,
             (p.opened_at AT TIME ZONE 'UTC')::date::text AS opened_on, p.close_trade_date::text AS closed_on,
             p.close_kind::text AS close_kind, trim_scale(p.fees)::text AS fees,
             trim_scale(p.realized_pnl)::text AS realized,
             ox.id::text AS open_fill_id, ol.order_id::text AS open_order_id,
             oo.broker_order_id AS open_broker_order_id, ox.trade_date::text AS open_trade_date,
             trim_scale(ox.price)::text AS open_fill_price,
             cx.id::text AS close_fill_id, cl.order_id::text AS close_order_id,
             co.broker_order_id AS close_broker_order_id, cx.trade_date::text AS close_trade_date,
             trim_scale(cx.price)::text AS close_fill_price,
             ev.id::text AS close_event_id, ev.broker_event_id AS close_broker_event_id
      FROM page p
      JOIN option_instruments i ON i.id = p.instrument_id
      LEFT JOIN option_executions ox ON ox.user_id = p.user_id AND ox.broker_execution_id = p.open_key
      LEFT JOIN option_legs ol ON ol.id = ox.leg_id
      LEFT JOIN option_orders oo ON oo.id = ol.order_id
      LEFT JOIN option_executions cx ON p.close_kind = 'TRADE'
        AND cx.user_id = p.user_id AND cx.broker_execution_id = p.close_key
      LEFT JOIN option_legs cl ON cl.id = cx.leg_id
      LEFT JOIN option_orders co ON co.id = cl.order_id
      LEFT JOIN option_events ev ON p.close_kind IN ('EXPIRATION', 'ASSIGNMENT', 'EXERCISE')
        AND ev.user_id = p.user_id AND ev.broker_event_id = p.close_key
      ORDER BY p.close_trade_date DESC, p.closed_at DESC, p.lot_key`;
    return {
      lots: rows.map(figureLot),
      count,
      realized: decimalText(totals?.realized ?? "0"),
      fees: decimalText(totals?.fees ?? "0"),
      page,
      pageCount,
    };
  });
}

async function lotConditions(tx: UserTransaction, userId: string, filters: LotFilters): Promise<Prisma.Sql> {
  const where: Prisma.Sql[] = [Prisma.sql`l.user_id = ${userId}::uuid`];
  if (filters.underlying) where.push(Prisma.sql`i.underlying = ${filters.underlying}`);
  if (filters.chain) where.push(Prisma.sql`l.chain_id = ${filters.chain}::uuid`);
  if (filters.day) where.push(Prisma.sql`l.close_trade_date = ${filters.day}::date`);
  if (filters.from) where.push(Prisma.sql`l.close_trade_date >= ${filters.from}::date`);
  if (filters.to) where.push(Prisma.sql`l.close_trade_date <= ${filters.to}::date`);
  if (filters.contract) where.push(Prisma.sql`l.instrument_id = ${filters.contract}::uuid`);
  if (filters.statistics) {
    // The group's chains by the Statistics page's own rule (lib/analytics), so the lots add up to
    // the row's realized figure whatever the grouping.
    const { by, group } = filters.statistics;
    const chainIds = (await listClosedPositions(tx, userId))
      .filter((position) => groupKeyOf(position, by) === group)
      .map((position) => position.id);
    where.push(Prisma.sql`l.chain_id = ANY(${chainIds}::uuid[])`);
  }
  return Prisma.join(where, " AND ");
}

function lotFill(
  id: string | null,
  orderId: string | null,
  brokerOrderId: string | null,
  tradeDate: string | null,
  price: string | null,
): LotFill | null {
  if (id === null || orderId === null || brokerOrderId === null || tradeDate === null || price === null)
    return null;
  return { id, orderId, brokerOrderId, tradeDate, price };
}

function figureLot(row: LotRow): FigureLot {
  return {
    id: row.id,
    chainId: row.chain_id,
    instrumentId: row.instrument_id,
    contract: {
      underlying: row.underlying,
      expiration: row.expiration,
      strike: row.strike,
      optionType: row.option_type,
      multiplier: row.multiplier,
    },
    side: row.side,
    quantity: row.quantity,
    openPrice: row.open_price,
    closePrice: row.close_price,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    closeKind: row.close_kind,
    fees: row.fees,
    realized: row.realized,
    openFill: lotFill(
      row.open_fill_id,
      row.open_order_id,
      row.open_broker_order_id,
      row.open_trade_date,
      row.open_fill_price,
    ),
    closeFill: lotFill(
      row.close_fill_id,
      row.close_order_id,
      row.close_broker_order_id,
      row.close_trade_date,
      row.close_fill_price,
    ),
    closeEvent:
      row.close_event_id === null || row.close_broker_event_id === null
        ? null
        : { id: row.close_event_id, brokerEventId: row.close_broker_event_id },
  };
}
