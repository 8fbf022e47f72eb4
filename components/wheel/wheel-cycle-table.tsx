import { displayDecimal, displayPercent, signOfDecimal } from "@/lib/money";
import type { WheelCycleRow } from "@/lib/server/queries/get-wheel";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";

/** Wheel cycles: premium, stock and total P&L, the shares still held and their cost net of premium. */
export function WheelCycleTable({ cycles }: { cycles: WheelCycleRow[] }) {
  return (
    <div className="table-wrap" {...scrollRegion("Wheel cycles")}>
      <table>
        <thead>
          <tr>
            <th>Underlying</th>
            <th>Status</th>
            <th>Started</th>
            <th className="num">Days</th>
            <th className="num">Premium collected</th>
            <th className="num">Option P&amp;L</th>
            <th className="num">Stock P&amp;L</th>
            <th className="num">Realized</th>
            <th className="num">Shares held</th>
            <th className="num">Net cost / share</th>
            <th className="num">Capital tied up</th>
            <th className="num">Return</th>
          </tr>
        </thead>
        <tbody>
          {cycles.map((cycle) => (
            <tr key={cycle.id}>
              <td>
                <strong>{cycle.underlying}</strong>
              </td>
              <td>
                <span className={`badge ${cycle.status === "open" ? "open" : ""}`}>
                  {cycle.status === "open"
                    ? "Open"
                    : `Closed ${formatTradeDate(cycle.endedOn ?? cycle.startedOn)}`}
                </span>
              </td>
              <td>{formatTradeDate(cycle.startedOn)}</td>
              <td className="num">{cycle.days}</td>
              <td className="num">
                <Money value={cycle.premiumCollected} tone />
              </td>
              <td className="num">
                <Money value={cycle.optionRealized} tone />
              </td>
              <td className="num">
                <Money value={cycle.stockRealized} tone />
              </td>
              <td className="num">
                <Money value={cycle.realized} tone />
              </td>
              <td className="num">
                {signOfDecimal(cycle.sharesHeld) === "zero" ? (
                  <span className="faint">—</span>
                ) : (
                  displayDecimal(cycle.sharesHeld)
                )}
              </td>
              <td className="num">
                {cycle.netCostBasisPerShare === null ? (
                  <span className="faint">—</span>
                ) : (
                  displayDecimal(cycle.netCostBasisPerShare, { minDigits: 2 })
                )}
              </td>
              <td className="num">
                <Money value={cycle.capitalTiedUp} />
              </td>
              <td className="num">
                {cycle.returnOnCapital === null ? (
                  <span className="faint">—</span>
                ) : (
                  displayPercent(cycle.returnOnCapital)
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
