import { add, formatMoney, type Micro, parseDecimal } from "@/lib/money";
import { type RollChain, STRATEGY_LABELS, STRATEGY_NAMES } from "@/lib/pnl";

/** Per strategy label (in the rule tables' order): chains, how many were legged out, realized P&L. */
export function strategySummaryRows(chains: readonly RollChain[]): string[][] {
  const rows: string[][] = [];
  for (const label of STRATEGY_LABELS) {
    const labelled = chains.filter((chain) => chain.strategy === label);
    if (labelled.length === 0) continue;
    let realized: Micro = 0;
    for (const chain of labelled) realized = add(realized, parseDecimal(chain.realized));
    rows.push([
      STRATEGY_NAMES[label],
      String(labelled.length),
      String(labelled.filter((chain) => chain.legOuts.length > 0).length),
      formatMoney(realized),
    ]);
  }
  return rows;
}
