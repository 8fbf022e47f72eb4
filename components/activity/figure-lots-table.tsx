import Link from "next/link";
import { displayDecimal } from "@/lib/money";
import type { FigureLot, LotFill } from "@/lib/server/queries/activity/list-figure-lots";
import { CloseKindLabel } from "../badges";
import { ChainContractLink } from "../contract";
import { ColumnHeads, DataTable } from "../data-table";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";

function FillLink({ fill, label }: { fill: LotFill; label: string }) {
  return (
    <Link href={`/activity/orders/${fill.orderId}#fill-${fill.id}`} title={`Order ${fill.brokerOrderId}`}>
      {label} {formatTradeDate(fill.tradeDate)} @ {displayDecimal(fill.price, { minDigits: 2 })}
    </Link>
  );
}

function Closing({ lot }: { lot: FigureLot }) {
  if (lot.closeFill) return <FillLink fill={lot.closeFill} label="Closed" />;
  if (lot.closeEvent) {
    return (
      <Link href={`/activity?contract=${lot.instrumentId}&type=${lot.closeKind.toLowerCase()}`}>
        <CloseKindLabel kind={lot.closeKind} /> {formatTradeDate(lot.closedOn)}
      </Link>
    );
  }
  return (
    <span>
      <CloseKindLabel kind={lot.closeKind} /> {formatTradeDate(lot.closedOn)}
    </span>
  );
}

type FigureLotsTableProps = {
  lots: FigureLot[];
  /** Totals over every matching lot (all pages): the figure the lots make up. */
  totals: { count: number; fees: string; realized: string };
  caption: string;
};

/** The matched lots behind a figure, each linked to its opening and closing fills, with the figure as total. */
export function FigureLotsTable({ lots, totals, caption }: FigureLotsTableProps) {
  return (
    <DataTable caption={caption} sticky>
      <ColumnHeads
        columns={[
          { label: "Contract" },
          { label: "Qty", numeric: true },
          { label: "Opening fill" },
          { label: "Closing fill or event" },
          { label: "Fees", numeric: true },
          { label: "Realized", numeric: true },
        ]}
      />
      <tbody>
        {lots.map((lot) => (
          <tr key={lot.id}>
            <th scope="row">
              <ChainContractLink contract={lot.contract} chainId={lot.chainId} />
            </th>
            <td className="num">
              {lot.side === "SHORT" ? "−" : "+"}
              {displayDecimal(lot.quantity)}
            </td>
            <td>
              {lot.openFill ? (
                <FillLink fill={lot.openFill} label="Opened" />
              ) : (
                `Opened ${formatTradeDate(lot.openedOn)} @ ${displayDecimal(lot.openPrice, { minDigits: 2 })}`
              )}
            </td>
            <td>
              <Closing lot={lot} />
            </td>
            <td className="num">
              <Money value={lot.fees} />
            </td>
            <td className="num">
              <Money value={lot.realized} tone signed />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={4}>
            Total of {totals.count} {totals.count === 1 ? "lot" : "lots"}
          </th>
          <td className="num">
            <Money value={totals.fees} />
          </td>
          <td className="num" data-testid="lots-total">
            <Money value={totals.realized} tone signed />
          </td>
        </tr>
      </tfoot>
    </DataTable>
  );
}
