import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

/** What the Activity page lists: option orders (fills folded in), lifecycle events and share trades. */
export const ACTIVITY_TYPES = ["order", "expiration", "assignment", "exercise", "stock"] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_SORTS = ["date", "underlying", "type", "amount"] as const;
export type ActivitySort = (typeof ACTIVITY_SORTS)[number];

export type ActivityFilters = {
  underlying?: string;
  type?: ActivityType;
  /** Robinhood's strategy name of an order (`short_put`, `iron_condor`, ...): orders only. */
  strategy?: string;
  /** One option contract (instrument id): the orders with a leg on it and its events. */
  contract?: string;
  /** Trading dates in America/New_York, inclusive. */
  from?: string;
  to?: string;
  /** Matched against the symbol, the broker's ids, the strategy and the state, case-insensitively. */
  search?: string;
};

/** `%`, `_` and `\` mean something to LIKE: a search for them finds them literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/** A trading date's start, New York time, as an instant (the bound of a timestamp range). */
const dayStart = (day: string) => Prisma.sql`(${day}::date::timestamp AT TIME ZONE 'America/New_York')`;
/** Events carry a date only; they sort at that day's close. */
const eventInstant = Prisma.sql`((e.event_date + time '16:00') AT TIME ZONE 'America/New_York')`;
const stockInstant = Prisma.sql`coalesce(t.executed_at, (t.trade_date + time '16:00') AT TIME ZONE 'America/New_York')`;

/**
 * `c(order_id, cash)`: the cash each order of the user moved, exact: each fill's price × quantity ×
 * its contract's multiplier, sells positive and buys negative, less the fill's fees. One grouped
 * pass over the user's fills (hash joins), not a lookup per order: 100,000 fills in one scan.
 */
function orderCash(userId: string): Prisma.Sql {
  return Prisma.sql`LEFT JOIN (
    SELECT l.order_id, sum(CASE WHEN l.side = 'SELL' THEN 1 ELSE -1 END * x.price * x.quantity * i.multiplier - x.fees) AS cash
    FROM option_legs l
    JOIN option_executions x ON x.leg_id = l.id
    JOIN option_instruments i ON i.id = l.instrument_id
    WHERE l.user_id = ${userId}::uuid AND x.user_id = ${userId}::uuid
    GROUP BY l.order_id) c ON c.order_id = o.id`;
}

function wants(filters: ActivityFilters, ...types: ActivityType[]): boolean {
  if (filters.type && !types.includes(filters.type)) return false;
  // Strategies are named on orders only; a contract is an option's, never a share trade's.
  if (filters.strategy && !types.includes("order")) return false;
  if (filters.contract && types.length === 1 && types[0] === "stock") return false;
  return true;
}

/**
 * The user's activity as one relation `activity(kind, id, at, underlying, strategy, reference, amount)`
 * with every filter applied, for counting, summing and paging in SQL. `amount` is the cash the row
 * moved, exact `numeric`: an order's fills (sell +, buy −, × the contract's multiplier, fees
 * subtracted), a share trade (sell +, buy −, fees subtracted); null for lifecycle events, whose cash
 * arrives as the delivered shares' trade. Each branch filters by user first (row-level security
 * scopes it too). Without `amounts` orders carry no amount: reading keys by date needs none, and the
 * page's rows sum their own fills.
 */
export function activityRelation(
  userId: string,
  filters: ActivityFilters,
  options: { amounts: boolean } = { amounts: true },
): Prisma.Sql {
  const branches: Prisma.Sql[] = [];
  const search = filters.search ? likePattern(filters.search) : null;
  if (wants(filters, "order")) {
    const where: Prisma.Sql[] = [Prisma.sql`o.user_id = ${userId}::uuid`];
    // By the legs' contracts rather than the order's own symbol: after a rename they name the new one.
    if (filters.underlying)
      where.push(Prisma.sql`EXISTS (SELECT 1 FROM option_legs ul JOIN option_instruments ui ON ui.id = ul.instrument_id
        WHERE ul.order_id = o.id AND ui.underlying = ${filters.underlying})`);
    if (filters.strategy)
      where.push(
        Prisma.sql`(o.opening_strategy = ${filters.strategy} OR o.closing_strategy = ${filters.strategy})`,
      );
    if (filters.contract)
      where.push(
        Prisma.sql`EXISTS (SELECT 1 FROM option_legs cl WHERE cl.order_id = o.id AND cl.instrument_id = ${filters.contract}::uuid)`,
      );
    if (filters.from) where.push(Prisma.sql`o.broker_created_at >= ${dayStart(filters.from)}`);
    if (filters.to) where.push(Prisma.sql`o.broker_created_at < ${dayStart(filters.to)} + interval '1 day'`);
    if (search)
      where.push(Prisma.sql`(o.chain_symbol ILIKE ${search} OR o.broker_order_id ILIKE ${search}
        OR coalesce(o.opening_strategy, '') ILIKE ${search} OR coalesce(o.closing_strategy, '') ILIKE ${search}
        OR o.state ILIKE ${search})`);
    branches.push(Prisma.sql`
      SELECT 'order'::text AS kind, o.id, o.broker_created_at AS at, o.chain_symbol AS underlying,
             coalesce(o.opening_strategy, o.closing_strategy) AS strategy, o.broker_order_id AS reference,
             ${options.amounts ? Prisma.sql`coalesce(c.cash, 0)` : Prisma.sql`NULL::numeric`} AS amount
      FROM option_orders o ${options.amounts ? orderCash(userId) : Prisma.empty}
      WHERE ${Prisma.join(where, " AND ")}`);
  }
  const eventTypes = (["expiration", "assignment", "exercise"] as const).filter((type) =>
    wants(filters, type),
  );
  if (eventTypes.length > 0 && !filters.strategy) {
    const where: Prisma.Sql[] = [
      Prisma.sql`e.user_id = ${userId}::uuid`,
      Prisma.sql`e.type::text = ANY(${eventTypes.map((type) => type.toUpperCase())}::text[])`,
    ];
    if (filters.underlying) where.push(Prisma.sql`i.underlying = ${filters.underlying}`);
    if (filters.contract) where.push(Prisma.sql`e.instrument_id = ${filters.contract}::uuid`);
    if (filters.from) where.push(Prisma.sql`e.event_date >= ${filters.from}::date`);
    if (filters.to) where.push(Prisma.sql`e.event_date <= ${filters.to}::date`);
    if (search)
      where.push(Prisma.sql`(i.underlying ILIKE ${search} OR e.broker_event_id ILIKE ${search}
        OR e.type::text ILIKE ${search} OR e.state ILIKE ${search})`);
    branches.push(Prisma.sql`
      SELECT lower(e.type::text) AS kind, e.id, ${eventInstant} AS at, i.underlying, NULL::text AS strategy,
             e.broker_event_id AS reference, NULL::numeric AS amount
      FROM option_events e JOIN option_instruments i ON i.id = e.instrument_id
      WHERE ${Prisma.join(where, " AND ")}`);
  }
  if (wants(filters, "stock") && !filters.strategy && !filters.contract) {
    const where: Prisma.Sql[] = [Prisma.sql`t.user_id = ${userId}::uuid`];
    if (filters.underlying) where.push(Prisma.sql`t.symbol = ${filters.underlying}`);
    if (filters.from) where.push(Prisma.sql`t.trade_date >= ${filters.from}::date`);
    if (filters.to) where.push(Prisma.sql`t.trade_date <= ${filters.to}::date`);
    if (search)
      where.push(Prisma.sql`(t.symbol ILIKE ${search} OR t.broker_trade_id ILIKE ${search}
        OR coalesce(t.broker_order_id, '') ILIKE ${search} OR t.kind::text ILIKE ${search})`);
    branches.push(Prisma.sql`
      SELECT 'stock'::text AS kind, t.id, ${stockInstant} AS at, t.symbol AS underlying, NULL::text AS strategy,
             coalesce(t.broker_order_id, t.broker_trade_id) AS reference,
             CASE WHEN t.side = 'SELL' THEN t.amount ELSE -t.amount END - t.fees AS amount
      FROM stock_trades t WHERE ${Prisma.join(where, " AND ")}`);
  }
  if (branches.length === 0) {
    return Prisma.sql`SELECT NULL::text AS kind, NULL::uuid AS id, NULL::timestamptz AS at, NULL::text AS underlying,
      NULL::text AS strategy, NULL::text AS reference, NULL::numeric AS amount WHERE false`;
  }
  return Prisma.join(branches, " UNION ALL ");
}

/**
 * `(matching, net)`: how many rows match and the cash they moved, exact, over every page. The
 * orders' cash comes from one grouped pass over the user's fills (`orderCash`), which measured
 * faster than summing the fills of the matching orders through a semi-join.
 */
export function activityTotals(userId: string, filters: ActivityFilters): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS matching, coalesce(sum(amount), 0)::text AS net
    FROM (${activityRelation(userId, filters)}) activity`;
}

/**
 * ORDER BY of a page over `(…) activity`: the chosen column, then newest first, then the id, so
 * pages never overlap.
 */
export function activityOrder(sort: ActivitySort, descending: boolean): Prisma.Sql {
  const direction = Prisma.raw(descending ? "DESC" : "ASC");
  const column = {
    date: Prisma.sql`activity.at ${direction}`,
    underlying: Prisma.sql`activity.underlying ${direction}, activity.at DESC`,
    type: Prisma.sql`activity.kind ${direction}, activity.at DESC`,
    amount: Prisma.sql`activity.amount ${direction} NULLS LAST, activity.at DESC`,
  }[sort];
  // Qualified: the page selects `amount::text AS amount`, and a bare name would sort that text.
  return Prisma.sql`ORDER BY ${column}, activity.kind, activity.id DESC`;
}
