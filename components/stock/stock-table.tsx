import { displayDecimal, signOfDecimal } from "@/lib/money";
import type { StockPositionRow } from "@/lib/server/queries/stock-position-row";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";

/** Shares per symbol from the stock ledger: open shares at their latest quote, and realized P&L. */
export function StockTable({ rows }: { rows: StockPositionRow[] }) {
  return (
    <div className="table-wrap" {...scrollRegion("Stock positions")}>
      <table>
        <thead>
          <tr>
            <th>Symbol</th>
            <th className="num">Shares</th>
            <th className="num">Avg price</th>
            <th className="num">Cost basis</th>
            <th className="num">Mark</th>
            <th className="num">Market value</th>
            <th className="num">Unrealized</th>
            <th className="num">Realized</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const closed = signOfDecimal(row.quantity) === "zero";
            return (
              <tr key={row.id}>
                <td>
                  <strong>{row.symbol}</strong>
                </td>
                <td className="num">
                  {closed ? <span className="badge">Closed</span> : displayDecimal(row.quantity)}
                </td>
                <td className="num">
                  {closed ? (
                    <span className="faint">—</span>
                  ) : (
                    displayDecimal(row.averagePrice, { minDigits: 2 })
                  )}
                </td>
                <td className="num">
                  {closed ? <span className="faint">—</span> : <Money value={row.costBasis} />}
                </td>
                <td className="num">
                  {closed ? (
                    <span className="faint">—</span>
                  ) : row.mark === null ? (
                    <span className="badge warn">No quote</span>
                  ) : (
                    displayDecimal(row.mark, { minDigits: 2 })
                  )}
                </td>
                <td className="num">
                  <Money value={closed ? null : row.marketValue} />
                </td>
                <td className="num">
                  <Money value={closed ? null : row.unrealized} tone />
                </td>
                <td className="num">
                  <Money value={row.realized} tone />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
