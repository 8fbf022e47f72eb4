import Link from "next/link";
import { displayDecimal } from "@/lib/money";
import type { OpenPositionRow } from "@/lib/server/queries/position-row";
import { SideLabel } from "../badges";
import { StrategyBadge } from "../chains/strategy-badge";
import { ContractLabel } from "../contract";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";

/** Open option positions at their latest marks. */
export function PositionTable({
  positions,
  showChain = true,
}: {
  positions: OpenPositionRow[];
  showChain?: boolean;
}) {
  return (
    <div className="table-wrap" {...scrollRegion("Open positions")}>
      <table>
        <thead>
          <tr>
            <th>Contract</th>
            <th>Side</th>
            <th className="num">Qty</th>
            <th className="num">Avg price</th>
            <th className="num">Mark</th>
            <th className="num">Market value</th>
            <th className="num">Unrealized</th>
            {showChain ? <th>Strategy</th> : null}
            {showChain ? <th>Chain</th> : null}
          </tr>
        </thead>
        <tbody>
          {positions.map((position) => (
            <tr key={position.id}>
              <td>
                <ContractLabel contract={position.contract} />
              </td>
              <td>
                <SideLabel side={position.side} optionType={position.contract.optionType} />
              </td>
              <td className="num">
                <Link href={`/activity?contract=${position.instrumentId}`} title="The fills of this contract">
                  {displayDecimal(position.quantity.replace(/^-/, ""))}
                </Link>
              </td>
              <td className="num">{displayDecimal(position.averagePrice, { minDigits: 2 })}</td>
              <td className="num">
                {position.mark === null ? (
                  <span className="badge warn">No mark</span>
                ) : (
                  displayDecimal(position.mark, { minDigits: 2 })
                )}
              </td>
              <td className="num">
                <Money value={position.marketValue} />
              </td>
              <td className="num">
                <Money value={position.unrealized} tone />
              </td>
              {showChain ? (
                <td>
                  <StrategyBadge strategy={position.strategy} />
                </td>
              ) : null}
              {showChain ? (
                <td>
                  {position.chainId ? <Link href={`/chains/${position.chainId}`}>View chain</Link> : "—"}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
