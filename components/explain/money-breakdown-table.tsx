import type { MoneyBreakdown } from "@/lib/analytics/explain";
import { ColumnHeads, DataTable } from "../data-table";
import { Money } from "../money";

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
    <DataTable caption={caption} className="breakdown">
      <ColumnHeads
        columns={[
          { label: groupHeader },
          {
            key: "components",
            label: (
              <>
                {componentName[0]?.toUpperCase()}
                {componentName.slice(1)}s
              </>
            ),
            numeric: true,
          },
          { label: "Amount", numeric: true },
        ]}
      />
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
    </DataTable>
  );
}
