import type { MoneyBreakdown } from "@/lib/analytics/explain";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";

/** A money metric's components per group; the totals row is the sum, the headline figure. */
export function MoneyBreakdownTable({
  breakdown,
  groupHeader,
  componentName,
  caption,
  tone = true,
}: {
  breakdown: MoneyBreakdown;
  groupHeader: string;
  componentName: string;
  caption: string;
  /** Green gains, red losses; off where the sign is a direction (delta), not a gain or a loss. */
  tone?: boolean;
}) {
  return (
    <div className="table-wrap" {...scrollRegion(caption)}>
      <table className="breakdown">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupHeader}</th>
            <th scope="col" className="num">
              {componentName[0]?.toUpperCase()}
              {componentName.slice(1)}s
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {breakdown.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">{row.count}</td>
              <td className="num">
                <Money value={row.value} tone={tone} signed />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{breakdown.count}</td>
            <td className="num" data-testid="breakdown-total">
              <Money value={breakdown.total} tone={tone} signed />
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
