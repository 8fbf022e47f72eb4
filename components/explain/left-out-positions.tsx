import type { GreekMetric } from "@/lib/analytics/explain";
import type { RiskPositionView } from "@/lib/server/queries/get-risk";
import { SideLabel } from "../badges";
import { ChainContractLink } from "../contract";
import { missingGreeksText, missingQuoteText } from "../risk/risk-text";

/** Why a position is not in the figure, in the Risk page's words. */
function reasonOf(metric: GreekMetric, position: RiskPositionView): string {
  const { risk } = position;
  if (risk.missingGreeks) return missingGreeksText(risk.missingGreeks, position.contract.expiration);
  if (metric === "delta" && risk.missingPrice) return missingQuoteText(position.contract.underlying);
  return `Market data sent no ${metric}`;
}

/**
 * The open positions a Greek figure leaves out, each with its reason: the total is partial and says
 * so, rather than counting an unknown as 0.
 */
export function LeftOutPositions({
  metric,
  positions,
}: {
  metric: GreekMetric;
  positions: readonly RiskPositionView[];
}) {
  if (positions.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="left-out-heading" data-testid="left-out">
      <h2 id="left-out-heading">
        Left out of the total: {positions.length} {positions.length === 1 ? "position" : "positions"}
      </h2>
      <ul className="left-out">
        {positions.map((position) => (
          <li key={position.id}>
            <ChainContractLink contract={position.contract} chainId={position.chainId} />{" "}
            <SideLabel side={position.side} optionType={position.contract.optionType} /> ×
            {position.quantity.replace(/^-/, "")}: {reasonOf(metric, position)}
          </li>
        ))}
      </ul>
    </section>
  );
}
