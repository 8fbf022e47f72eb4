"use client";

import Link from "next/link";
import { displayDecimal } from "@/lib/money";
import type { ActivitySort } from "@/lib/server/queries/activity/activity-sql";
import type { ActivityRow, OrderActivity } from "@/lib/server/queries/activity/activity-types";
import { brokerStrategyText } from "../chains/strategy-badge";
import { ContractLabel } from "../contract";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";
import { listSortHref } from "../tables/list-sort-href";
import { scrollRegion } from "../tables/scroll-region";
import { OrderLegs } from "./order-legs";

export type ActivityTableSort = { column: ActivitySort; descending: boolean };

type ActivityTableProps = {
  rows: ActivityRow[];
  sort: ActivityTableSort;
  /** The list's filters: each header links to the list with them, sorted by its column (in SQL). */
  sortQuery: Record<string, string | undefined>;
  /** The net amount of every matching row, all pages: the totals row. */
  netAmount: string;
  matching: number;
};

const KIND_LABEL: Record<ActivityRow["kind"], string> = {
  order: "Order",
  expiration: "Expiration",
  assignment: "Assignment",
  exercise: "Exercise",
  stock: "Shares",
};

function SortHeader(props: {
  column: ActivitySort;
  label: string;
  numeric?: boolean;
  sort: ActivityTableSort;
  sortHref: (sort: ActivityTableSort) => string;
}) {
  const { column, label, numeric, sort, sortHref } = props;
  const active = sort.column === column;
  const descending = active ? !sort.descending : column === "date" || column === "amount";
  return (
    <th
      scope="col"
      className={numeric ? "num" : undefined}
      aria-sort={active ? (sort.descending ? "descending" : "ascending") : "none"}
    >
      <Link className="sort-button" href={sortHref({ column, descending })}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (sort.descending ? "▼" : "▲") : "↕"}
        </span>
      </Link>
    </th>
  );
}

function OrderSummary({ order }: { order: OrderActivity }) {
  const partial = order.filledQuantity !== order.quantity && order.fillCount > 0;
  return (
    <details>
      <summary>
        {order.strategy ? `${brokerStrategyText(order.strategy)} · ` : ""}
        {order.legs.length} {order.legs.length === 1 ? "leg" : "legs"}, {order.fillCount}{" "}
        {order.fillCount === 1 ? "fill" : "fills"}
        {partial ? <span className="badge warn"> partially filled</span> : null}
      </summary>
      <OrderLegs legs={order.legs} caption={`Legs and fills of order ${order.brokerOrderId}`} />
      <p>
        <Link href={`/activity/orders/${order.id}`}>Order {order.brokerOrderId} →</Link>
      </p>
    </details>
  );
}

function Description({ row }: { row: ActivityRow }) {
  if (row.kind === "order") return <OrderSummary order={row} />;
  if (row.kind === "stock") {
    return (
      <span>
        {row.side === "BUY" ? "Bought" : "Sold"} {displayDecimal(row.quantity)} shares at{" "}
        {displayDecimal(row.price, { minDigits: 2 })}
        {row.delivery ? " (delivered by an assignment or exercise)" : ""}
      </span>
    );
  }
  return (
    <span>
      <Link href={`/activity?contract=${row.instrumentId}`}>
        <ContractLabel contract={row.contract} />
      </Link>{" "}
      <span className="muted">{row.state}</span>
    </span>
  );
}

function Quantity({ row }: { row: ActivityRow }) {
  if (row.kind !== "order") return <>{displayDecimal(row.quantity)}</>;
  if (row.filledQuantity === row.quantity) return <>{displayDecimal(row.quantity)}</>;
  return (
    <span title="Filled of ordered">
      {displayDecimal(row.filledQuantity)} of {displayDecimal(row.quantity)}
    </span>
  );
}

/** The user's orders (fills folded in), lifecycle events and share trades; headers sort the whole list. */
export function ActivityTable({ rows, sort, sortQuery, netAmount, matching }: ActivityTableProps) {
  const header = { sort, sortHref: listSortHref<ActivitySort>("/activity", sortQuery) };
  return (
    <div className="table-wrap sticky-head" {...scrollRegion("Activity")}>
      <table>
        <caption className="visually-hidden">Orders, fills, lifecycle events and share trades</caption>
        <thead>
          <tr>
            <SortHeader column="date" label="Date" {...header} />
            <SortHeader column="type" label="Type" {...header} />
            <SortHeader column="underlying" label="Underlying" {...header} />
            <th scope="col">What</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <SortHeader column="amount" label="Cash" numeric {...header} />
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.kind}:${row.id}`} data-kind={row.kind}>
              <td className="num">{formatTradeDate(row.day)}</td>
              <td>{KIND_LABEL[row.kind]}</td>
              <th scope="row">{row.underlying}</th>
              <td>
                <Description row={row} />
              </td>
              <td className="num">
                <Quantity row={row} />
              </td>
              <td className="num">
                <Money value={row.amount} tone signed title={row.amount === null ? "No cash" : undefined} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={5}>
              Net cash of all {matching} matching rows
            </th>
            <td className="num" data-testid="activity-total">
              <Money value={netAmount} tone signed />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
