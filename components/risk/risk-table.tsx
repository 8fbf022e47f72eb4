import { displayDecimal, displayPercent } from "@/lib/money";
import type { RiskPositionView } from "@/lib/server/queries/get-risk";
import { SideLabel } from "../badges";
import { ContractLabel } from "../contract";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";
import { GreekValue, VolatilityValue } from "./greek-cells";
import { RiskFlags } from "./risk-flags";
import { missingGreeksText, missingQuoteText } from "./risk-text";

/** Open option positions with their Greeks (per share and in dollars), distance to strike and flags. */
export function RiskTable({ positions, label }: { positions: RiskPositionView[]; label: string }) {
  return (
    <div className="table-wrap" {...scrollRegion(label)}>
      <table>
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th>Contract</th>
            <th>Side</th>
            <th className="num">Qty</th>
            <th className="num">DTE</th>
            <th className="num">Underlying</th>
            <th className="num">To strike</th>
            <th className="num">IV</th>
            <th className="num">Delta</th>
            <th className="num">Gamma</th>
            <th className="num">Theta</th>
            <th className="num">Vega</th>
            <th className="num">Delta $</th>
            <th className="num">Theta / day</th>
            <th className="num">Vega / pt</th>
            <th>Flags</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {positions.map((position) => {
            const { risk } = position;
            // One reason for the whole row, or (when only some Greeks came) which one market data left out.
            const missing = (name: string) =>
              risk.missingGreeks
                ? missingGreeksText(risk.missingGreeks, position.contract.expiration)
                : `Market data sent no ${name}`;
            const notes = [
              risk.missingGreeks ? missing("Greeks") : null,
              risk.missingPrice ? missingQuoteText(position.contract.underlying) : null,
            ].filter((note): note is string => note !== null);
            return (
              <tr key={position.id} data-testid="risk-row">
                <td>
                  <ContractLabel contract={position.contract} />
                </td>
                <td>
                  <SideLabel side={position.side} optionType={position.contract.optionType} />
                </td>
                <td className="num">{displayDecimal(position.quantity.replace(/^-/, ""))}</td>
                <td className="num">{risk.daysToExpiration < 0 ? "expired" : risk.daysToExpiration}</td>
                <td className="num">
                  {position.underlyingPrice === null ? (
                    <span className="faint">—</span>
                  ) : (
                    displayDecimal(position.underlyingPrice, { minDigits: 2 })
                  )}
                </td>
                <td className="num">
                  {risk.distanceToStrike === null || risk.distanceToStrikeFraction === null ? (
                    <span className="faint">—</span>
                  ) : (
                    <>
                      <Money value={risk.distanceToStrike} signed />{" "}
                      <span className="muted">({displayPercent(risk.distanceToStrikeFraction, 2)})</span>
                    </>
                  )}
                </td>
                <td className="num" data-testid="risk-iv">
                  <VolatilityValue
                    value={risk.greeks?.impliedVolatility ?? null}
                    missing={missing("implied volatility")}
                  />
                </td>
                <td className="num" data-testid="risk-delta">
                  <GreekValue value={risk.greeks?.delta ?? null} missing={missing("delta")} />
                </td>
                <td className="num" data-testid="risk-gamma">
                  <GreekValue value={risk.greeks?.gamma ?? null} missing={missing("gamma")} />
                </td>
                <td className="num" data-testid="risk-theta">
                  <GreekValue value={risk.greeks?.theta ?? null} missing={missing("theta")} />
                </td>
                <td className="num" data-testid="risk-vega">
                  <GreekValue value={risk.greeks?.vega ?? null} missing={missing("vega")} />
                </td>
                <td className="num">
                  <Money value={risk.exposure.deltaDollars} signed title={notes.join("; ") || undefined} />
                </td>
                <td className="num">
                  <Money
                    value={risk.exposure.thetaPerDay}
                    signed
                    tone
                    title={notes.join("; ") || undefined}
                  />
                </td>
                <td className="num">
                  <Money value={risk.exposure.vegaPerVolPoint} signed title={notes.join("; ") || undefined} />
                </td>
                <td>
                  <RiskFlags risk={risk} />
                </td>
                <td className="muted">{notes.length > 0 ? notes.join(". ") : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
