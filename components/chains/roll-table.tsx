"use client";

import { displayDecimal, signOfDecimal } from "@/lib/money";
import type { RollView } from "@/lib/server/queries/get-chain";
import { ContractLabel } from "../contract";
import { formatTradeDate } from "../format/dates";
import { Money } from "../money";
import { scrollRegion } from "../tables/scroll-region";

export function RollTable({ rolls }: { rolls: RollView[] }) {
  return (
    <div className="table-wrap" {...scrollRegion("Rolls")}>
      <table>
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Date</th>
            <th>From</th>
            <th>To</th>
            <th>Move</th>
            <th className="num">Contracts</th>
            <th className="num">Credit / debit</th>
          </tr>
        </thead>
        <tbody>
          {rolls.map((roll) => {
            const sign = signOfDecimal(roll.netCredit);
            return (
              <tr key={roll.sequence}>
                <td className="num">{roll.sequence}</td>
                <td className="num">{formatTradeDate(roll.rolledOn)}</td>
                <td>
                  <ContractLabel contract={roll.from} showUnderlying={false} />
                </td>
                <td>
                  <ContractLabel contract={roll.to} showUnderlying={false} />
                </td>
                <td>
                  <span className="chip-row">
                    {roll.kinds.length === 0 ? <span className="badge">Same</span> : null}
                    {roll.kinds.map((kind) => (
                      <span key={kind} className="badge">
                        {kind[0]}
                        {kind.slice(1).toLowerCase()}
                      </span>
                    ))}
                  </span>
                </td>
                <td className="num">
                  {displayDecimal(roll.closedQuantity)}
                  {roll.openedQuantity !== roll.closedQuantity
                    ? ` → ${displayDecimal(roll.openedQuantity)}`
                    : ""}
                </td>
                <td className="num">
                  <Money value={roll.netCredit} tone signed />{" "}
                  <span className="faint">
                    {sign === "negative" ? "debit" : sign === "positive" ? "credit" : "even"}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
