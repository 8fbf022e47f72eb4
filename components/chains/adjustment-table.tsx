import { displayDecimal } from "@/lib/money";
import type { AdjustmentView } from "@/lib/server/queries/chain-adjustments";
import { ContractLabel } from "../contract";
import { formatTradeDate } from "../format/dates";
import { scrollRegion } from "../tables/scroll-region";

/** Renames and splits that carried the chain's open position into new contracts, without cash. */
export function AdjustmentTable({ adjustments }: { adjustments: AdjustmentView[] }) {
  return (
    <div className="table-wrap" {...scrollRegion("Corporate actions")}>
      <table>
        <thead>
          <tr>
            <th>Date</th>
            <th>Action</th>
            <th>From</th>
            <th>To</th>
            <th className="num">Contracts</th>
          </tr>
        </thead>
        <tbody>
          {adjustments.map((step) => (
            <tr key={`${step.date}|${step.from.underlying}|${step.from.strike}|${step.from.expiration}`}>
              <td className="num">{formatTradeDate(step.date)}</td>
              <td>
                <span className="badge">{step.type === "rename" ? "Renamed" : "Split"}</span> {step.label}
              </td>
              <td>
                <ContractLabel contract={step.from} />
              </td>
              <td>
                <ContractLabel contract={step.to} />
              </td>
              <td className="num">
                {displayDecimal(step.quantityBefore)}
                {step.quantityAfter !== step.quantityBefore ? ` → ${displayDecimal(step.quantityAfter)}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
