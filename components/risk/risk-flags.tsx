import type { PositionRisk } from "@/lib/risk";

/** Text badges (never colour alone) for what needs attention on a position. */
export function RiskFlags({ risk }: { risk: PositionRisk }) {
  return (
    <span className="chip-row">
      {risk.assignmentRisk ? (
        <span className="badge bad">
          <span aria-hidden="true">⚠</span> Assignment risk
        </span>
      ) : null}
      {risk.expiresThisWeek ? <span className="badge warn">Expires this week</span> : null}
      {risk.moneyness ? <span className="badge">{risk.moneyness}</span> : null}
    </span>
  );
}
