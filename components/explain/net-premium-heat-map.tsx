import type { NetPremiumGrid, NetPremiumGridCell } from "@/lib/analytics/explain";
import { displayMoney } from "@/lib/money";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";

const WORDS: Record<NetPremiumGridCell["sign"], string> = {
  credit: "net credit",
  debit: "net debit",
  even: "even",
  none: "no chains",
};

/**
 * Net premium per underlying (rows) and strategy (columns): a real table, every figure written out
 * with its sign and the word credit or debit; the shading only repeats it.
 */
export function NetPremiumHeatMap({ grid }: { grid: NetPremiumGrid }) {
  return (
    <div className="table-wrap" {...scrollRegion("Net premium heat map")}>
      <table className="heat-map">
        <caption className="visually-hidden">
          Net premium (credits received minus debits paid, fees included) by underlying and strategy
        </caption>
        <thead>
          <tr>
            <th scope="col">Underlying</th>
            {grid.strategies.map((strategy) => (
              <th key={strategy.key} scope="col" className="num">
                {strategy.label}
              </th>
            ))}
            <th scope="col" className="num">
              Total
            </th>
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.underlying}>
              <th scope="row">{row.underlying}</th>
              {row.cells.map((cell, column) => (
                <td
                  key={grid.strategies[column]?.key}
                  className={`num heat-${cell.sign}-${cell.level}`}
                  title={
                    cell.value === null
                      ? undefined
                      : `${row.underlying}, ${grid.strategies[column]?.label}: ${displayMoney(cell.value, { signed: true })} ${WORDS[cell.sign]} over ${cell.chains} ${cell.chains === 1 ? "chain" : "chains"}`
                  }
                >
                  {cell.value === null ? (
                    <span className="faint">—</span>
                  ) : (
                    <>
                      <span className="money">{displayMoney(cell.value, { signed: true })}</span>
                      <span className="heat-word">{WORDS[cell.sign]}</span>
                    </>
                  )}
                </td>
              ))}
              <td className="num">
                <Money value={row.total} tone signed />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {grid.strategies.map((strategy) => (
              <td key={strategy.key} className="num">
                <Money value={strategy.total} tone signed />
              </td>
            ))}
            <td className="num" data-testid="net-premium-total">
              <Money value={grid.total} tone signed />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
