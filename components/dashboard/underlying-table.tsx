import Link from "next/link";
import type { UnderlyingRow } from "@/lib/server/queries/pnl-queries";
import { Money } from "../money";

export function UnderlyingTable({ rows, totals }: { rows: UnderlyingRow[]; totals: UnderlyingRow }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Underlying</th>
            <th className="num">Realized</th>
            <th className="num">Unrealized</th>
            <th className="num">Fees</th>
            <th className="num">Open</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.underlying}>
              <td>
                <Link href={`/chains?underlying=${encodeURIComponent(row.underlying)}`}>
                  <strong>{row.underlying}</strong>
                </Link>
              </td>
              <td className="num">
                <Money value={row.realized} tone />
              </td>
              <td className="num">
                <Money value={row.unrealized} tone />
                {row.unmarkedPositions > 0 ? (
                  <span className="faint" title="Positions without a mark">
                    {" "}
                    *
                  </span>
                ) : null}
              </td>
              <td className="num">
                <Money value={row.fees} />
              </td>
              <td className="num">{row.openPositions}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            <td className="num">
              <Money value={totals.realized} tone />
            </td>
            <td className="num">
              <Money value={totals.unrealized} tone />
            </td>
            <td className="num">
              <Money value={totals.fees} />
            </td>
            <td className="num">{totals.openPositions}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
