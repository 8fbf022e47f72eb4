import { displayDecimal } from "@/lib/money";
import type { LegOutView } from "@/lib/server/queries/strategy-label";
import { ContractLabel } from "../contract";
import { formatTradeDate } from "../format/dates";
import { scrollRegion } from "../tables/scroll-region";

const OUTCOME: Record<LegOutView["outcome"], string> = {
  trade: "Closed",
  assignment: "Assigned",
  exercise: "Exercised",
};

/** Legs of a multi-leg chain that ended early while the others stayed open (legging out). */
export function LegOutTable({ legOuts, underlying }: { legOuts: LegOutView[]; underlying: string }) {
  return (
    <div className="table-wrap" {...scrollRegion("Legged out")}>
      <table>
        <thead>
          <tr>
            <th>Date</th>
            <th>Leg</th>
            <th>Side</th>
            <th className="num">Contracts</th>
            <th>How</th>
          </tr>
        </thead>
        <tbody>
          {legOuts.map((out) => (
            <tr key={`${out.date}|${out.contractKey}|${out.direction}`}>
              <td className="num">{formatTradeDate(out.date)}</td>
              <td>
                <ContractLabel
                  contract={{
                    underlying,
                    expiration: out.expiration,
                    strike: out.strike,
                    optionType: out.optionType === "call" ? "CALL" : "PUT",
                    // The key's last field is the multiplier (contractKey in lib/pnl).
                    multiplier: out.contractKey.split("|")[4] ?? "100",
                  }}
                  showUnderlying={false}
                />
              </td>
              <td>{out.direction === "short" ? "Short" : "Long"}</td>
              <td className="num">{displayDecimal(out.quantity)}</td>
              <td>
                <span className="badge warn">{OUTCOME[out.outcome]} early</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
