import Link from "next/link";
import { displayDecimal } from "@/lib/money";
import type { DayLot } from "@/lib/server/queries/list-day-lots";
import { closeKindText } from "../badges";
import { ChainContractLink } from "../contract";
import { ColumnHeads, DataTable } from "../data-table";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";

/** The lots closed on a day, each linked to its chain; the total row is the calendar's figure. */
export function DayLots({ date, realized, lots }: { date: string; realized: string; lots: DayLot[] }) {
  return (
    <DataTable caption={<>Option lots closed on {formatTradeDate(date)}</>} region="Lots closed that day">
      <ColumnHeads
        columns={[
          { label: "Contract" },
          { label: "Side" },
          { label: "Quantity", numeric: true },
          { label: "Opened at", numeric: true },
          { label: "Closed at", numeric: true },
          { label: "How" },
          { label: "Fees", numeric: true },
          { label: "Realized", numeric: true },
        ]}
      />
      <tbody>
        {lots.map((lot) => (
          <tr key={lot.id}>
            <th scope="row">
              <ChainContractLink contract={lot} chainId={lot.chainId} />
            </th>
            <td>{lot.side === "SHORT" ? "Short" : "Long"}</td>
            <td className="num">{displayDecimal(lot.quantity)}</td>
            <td className="num">{displayDecimal(lot.openPrice, { minDigits: 2 })}</td>
            <td className="num">{displayDecimal(lot.closePrice, { minDigits: 2 })}</td>
            <td>{closeKindText(lot.closeKind)}</td>
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
          <th scope="row" colSpan={7}>
            Realized on {formatTradeDate(date)}
          </th>
          <td className="num" data-testid="day-total">
            <Link href={`/activity/lots?day=${date}`} title="These lots with their fills">
              <Money value={realized} tone signed />
            </Link>
          </td>
        </tr>
      </tfoot>
    </DataTable>
  );
}
