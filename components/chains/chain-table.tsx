"use client";

import Link from "next/link";
import { displayDecimal, displayMoney } from "@/lib/money";
import type { ChainSort } from "@/lib/server/queries/list-chains";
import type { ChainListRow } from "@/lib/server/queries/list-chains-page";
import { ChainStatusBadge, SideLabel } from "../badges";
import { ContractLabel } from "../contract";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";
import { listSortHref } from "../tables/list-sort-href";
import { scrollRegion } from "../tables/scroll-region";
import { SortHeader } from "../tables/sort-header";
import { StrategyBadge } from "./strategy-badge";

type SortColumn = ChainSort["column"];

export type ChainTableProps = {
  chains: ChainListRow[];
  /** The list's sort; null is the default, newest first. */
  sort?: ChainSort | null;
  /** The list's filters: each header links to the list with them, sorted by its column (in SQL). */
  sortQuery?: Record<string, string | undefined>;
};

function dte(days: number): string {
  if (days < 0) return "expired";
  return days === 0 ? "expires today" : `${days} DTE`;
}

function ChainSortHeader(props: {
  column: SortColumn;
  label: string;
  numeric?: boolean;
  sort?: ChainSort | null;
  sortHref?: (sort: ChainSort) => string;
}) {
  // A first click sorts figures and dates from the largest, names from A.
  return <SortHeader {...props} sort={props.sort ?? null} firstDescending={props.column !== "underlying"} />;
}

/** Roll chains, each with the contract it holds now (or held last); headers sort the whole list. */
export function ChainTable({ chains, sort = null, sortQuery }: ChainTableProps) {
  const header = { sort, sortHref: sortQuery ? listSortHref<SortColumn>("/chains", sortQuery) : undefined };
  return (
    <div className="table-wrap sticky-head" {...scrollRegion("Roll chains")}>
      <table>
        <caption className="visually-hidden">Roll chains</caption>
        <thead>
          <tr>
            <ChainSortHeader column="underlying" label="Underlying" {...header} />
            <th scope="col">Position</th>
            <th scope="col">Status</th>
            <ChainSortHeader column="rolls" label="Rolls" numeric {...header} />
            <th scope="col">Contract now or last</th>
            <ChainSortHeader column="opened" label="Opened" numeric {...header} />
            <ChainSortHeader column="days" label="Days held" numeric {...header} />
            <ChainSortHeader column="net-premium" label="Net premium" numeric {...header} />
            <ChainSortHeader column="realized" label="Realized" numeric {...header} />
            <th scope="col" className="num">
              Unrealized
            </th>
            <th scope="col" className="num">
              Breakeven
            </th>
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
              <td>
                {chain.contracts.length === 0 ? (
                  <span className="faint">—</span>
                ) : (
                  <ul className="contract-list">
                    {chain.contracts.map((contract) => (
                      <li
                        key={`${contract.expiration}-${contract.strike}-${contract.optionType}-${contract.side}`}
                      >
                        <span className="muted">{contract.side === "SHORT" ? "−" : "+"}</span>
                        {displayDecimal(contract.quantity)}×{" "}
                        <ContractLabel contract={contract} showUnderlying={false} />
                        {contract.open ? (
                          <span className="muted"> · {dte(contract.daysToExpiration)}</span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="num">{formatTradeDate(chain.openedOn)}</td>
              <td className="num">{chain.daysHeld}</td>
              <td className="num">
                <Money value={chain.netPremium} tone signed />
              </td>
              <td className="num">
                <Link href={`/activity/lots?chain=${chain.id}`} title="The lots it is made of">
                  <Money value={chain.realized} tone signed />
                </Link>
              </td>
              <td className="num">
                {chain.status === "OPEN" ? (
                  <Money value={chain.unrealized} tone signed />
                ) : (
                  <span className="faint">—</span>
                )}
              </td>
              <td className="num">
                {chain.breakeven === null ? <span className="faint">—</span> : displayMoney(chain.breakeven)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
