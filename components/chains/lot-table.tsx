"use client";

import { displayDecimal } from "@/lib/money";
import type { LotView } from "@/lib/server/queries/get-chain";
import { CloseKindLabel } from "../badges";
import { ContractLabel } from "../contract";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";

/** Closed lots: each opening fill matched FIFO to a close, an expiry, an assignment or an exercise. */
export function LotTable({ lots }: { lots: LotView[] }) {
  return (
    <div className="table-wrap" {...scrollRegion("Legs and lots")}>
      <table>
        <thead>
          <tr>
            <th>Contract</th>
            <th className="num">Qty</th>
            <th>Opened</th>
            <th>Closed</th>
            <th>How</th>
            <th className="num">Open price</th>
            <th className="num">Close price</th>
            <th className="num">Fees</th>
            <th className="num">Realized</th>
          </tr>
        </thead>
        <tbody>
          {lots.map((lot) => (
            <tr key={lot.id}>
              <td>
                <ContractLabel contract={lot.contract} showUnderlying={false} />
              </td>
              <td className="num">
                {lot.side === "SHORT" ? "−" : "+"}
                {displayDecimal(lot.quantity)}
              </td>
              <td className="num">{formatTradeDate(lot.openedOn)}</td>
              <td className="num">{formatTradeDate(lot.closedOn)}</td>
              <td>
                <CloseKindLabel kind={lot.closeKind} />
              </td>
              <td className="num">{displayDecimal(lot.openPrice, { minDigits: 2 })}</td>
              <td className="num">{displayDecimal(lot.closePrice, { minDigits: 2 })}</td>
              <td className="num">
                <Money value={lot.fees} />
              </td>
              <td className="num">
                <Money value={lot.realized} tone />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
