import Link from "next/link";
import type { ChainRow } from "@/lib/server/queries/chain-row";
import { ChainStatusBadge, SideLabel } from "../badges";
import { formatTradeDate } from "../format/dates";
import { formatDecimal } from "../format/decimal";
import { Money } from "../money";
import { StrategyBadge } from "./strategy-badge";

export function ChainTable({ chains }: { chains: ChainRow[] }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Underlying</th>
            <th>Position</th>
            <th>Status</th>
            <th className="num">Rolls</th>
            <th>Opened</th>
            <th className="num">Days held</th>
            <th className="num">Net premium</th>
            <th className="num">Realized</th>
            <th className="num">Unrealized</th>
            <th className="num">Breakeven</th>
          </tr>
        </thead>
        <tbody>
          {chains.map((chain) => (
            <tr key={chain.id}>
              <td>
                <Link
                  href={`/chains/${chain.id}`}
                  aria-label={`${chain.underlying} chain opened ${chain.openedOn}`}
                >
                  <strong>{chain.underlying}</strong>
                </Link>
              </td>
              <td>
                {/* The strategy names the whole position (a spread is one chain); the side of its
                    first leg is all there is before a recompute has labelled it. */}
                {chain.strategy ? (
                  <StrategyBadge strategy={chain.strategy} />
                ) : (
                  <SideLabel side={chain.side} optionType={chain.optionType} />
                )}
              </td>
              <td>
                <ChainStatusBadge status={chain.status} inferred={chain.expiryInferred} />
              </td>
              <td className="num">{chain.rollCount}</td>
              <td className="num">{formatTradeDate(chain.openedOn)}</td>
              <td className="num">{chain.daysHeld}</td>
              <td className="num">
                <Money value={chain.netPremium} tone />
              </td>
              <td className="num">
                <Money value={chain.realized} tone />
              </td>
              <td className="num">
                {chain.status === "OPEN" ? (
                  <Money value={chain.unrealized} tone />
                ) : (
                  <span className="faint">—</span>
                )}
              </td>
              <td className="num">
                {chain.breakeven === null ? (
                  <span className="faint">—</span>
                ) : (
                  `$${formatDecimal(chain.breakeven, { minDigits: 2, maxDigits: 2 })}`
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
