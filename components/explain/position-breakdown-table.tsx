import type { StatisticsView } from "@/lib/analytics";
import type { PositionBreakdown } from "@/lib/analytics/explain";
import { ColumnHeads, DataTable } from "../data-table";
import { Money } from "../money";

const rate = (value: string | null) => (value === null ? "—" : `${value} %`);

function Cells({
  statistics,
  metric,
}: {
  statistics: StatisticsView;
  metric: "win-rate" | "premium-captured";
}) {
  if (metric === "win-rate") {
    return (
      <>
        <td className="num">{statistics.closed}</td>
        <td className="num">{statistics.wins}</td>
        <td className="num">{statistics.losses}</td>
        <td className="num">{statistics.breakEvens}</td>
      </>
    );
  }
  return (
    <>
      <td className="num">{statistics.creditPositions}</td>
      <td className="num">
        <Money value={statistics.creditReceived} />
      </td>
      <td className="num">
        <Money value={statistics.creditKept} tone signed />
      </td>
    </>
  );
}

/** A rate per group; the totals row is the rate over every position, not an average of the rows. */
export function PositionBreakdownTable({
  breakdown,
  metric,
  groupHeader,
  caption,
}: {
  breakdown: PositionBreakdown;
  metric: "win-rate" | "premium-captured";
  groupHeader: string;
  caption: string;
}) {
  const headers =
    metric === "win-rate"
      ? ["Closed", "Wins", "Losses", "Even", "Win rate"]
      : ["Credit positions", "Credit received", "Credit kept", "Premium captured"];
  const value = (statistics: StatisticsView) =>
    rate(metric === "win-rate" ? statistics.winRate : statistics.premiumCaptured);
  return (
    <DataTable caption={caption} className="breakdown">
      <ColumnHeads
        columns={[{ label: groupHeader }, ...headers.map((header) => ({ label: header, numeric: true }))]}
      />
      <tbody>
        {breakdown.rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <Cells statistics={row.statistics} metric={metric} />
            <td className="num">{value(row.statistics)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">All positions</th>
          <Cells statistics={breakdown.total} metric={metric} />
          <td className="num" data-testid="breakdown-total">
            {value(breakdown.total)}
          </td>
        </tr>
      </tfoot>
    </DataTable>
  );
}
