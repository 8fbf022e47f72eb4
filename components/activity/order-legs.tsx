import { displayDecimal } from "@/lib/money";
import type { LegView } from "@/lib/server/queries/activity/activity-types";
import { ContractLabel } from "../contract";
import { ColumnHeads, DataTable } from "../data-table";
import { formatTimestamp } from "../format/dates";
import { Money } from "../money";
import { FillOriginLink } from "./fill-origin";

const LEG_ACTION = {
  BUY: { OPEN: "Buy to open", CLOSE: "Buy to close" },
  SELL: { OPEN: "Sell to open", CLOSE: "Sell to close" },
} as const;

/**
 * An order's legs, each with its fills folded in under it: the quantity filled and the average price
 * of the leg, then every fill with its own price, fees, cash and origin.
 */
export function OrderLegs({ legs, caption }: { legs: LegView[]; caption: string }) {
  return (
    <DataTable caption={caption}>
      <ColumnHeads
        columns={[
          { label: "Leg / fill" },
          { label: "Time" },
          { label: "Quantity", numeric: true },
          { label: "Price", numeric: true },
          { label: "Fees", numeric: true },
          { label: "Cash", numeric: true },
          { label: "From" },
        ]}
      />
      {legs.map((leg) => (
        <tbody key={leg.id}>
          <tr>
            <th scope="row">
              {LEG_ACTION[leg.side][leg.positionEffect]} <ContractLabel contract={leg.contract} />
            </th>
            <td className="muted">
              {leg.fills.length} {leg.fills.length === 1 ? "fill" : "fills"}
            </td>
            <td className="num" data-testid="leg-quantity">
              {displayDecimal(leg.filledQuantity)}
            </td>
            <td className="num" data-testid="leg-average" title="Average price of the leg's fills">
              {leg.averagePrice === null ? "—" : `avg ${displayDecimal(leg.averagePrice, { minDigits: 2 })}`}
            </td>
            <td className="num">
              <Money value={leg.fees} />
            </td>
            <td />
            <td />
          </tr>
          {leg.fills.map((fill) => (
            <tr key={fill.id} id={`fill-${fill.id}`}>
              <td className="muted">↳ fill</td>
              <td className="num">{formatTimestamp(fill.executedAt)}</td>
              <td className="num">{displayDecimal(fill.quantity)}</td>
              <td className="num">{displayDecimal(fill.price, { minDigits: 2 })}</td>
              <td className="num">
                <Money value={fill.fees} />
              </td>
              <td className="num">
                <Money value={fill.amount} tone signed />
              </td>
              <td>
                <FillOriginLink origin={fill.origin} />
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </DataTable>
  );
}
