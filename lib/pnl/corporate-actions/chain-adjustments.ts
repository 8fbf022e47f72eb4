import { formatQuantity } from "@/lib/money";
import type { ContractRec } from "../internal-types";
import type { AdjustedContractRef, ChainAdjustment, RollChain } from "../result-types";
import type { AdjustmentRec } from "./apply-actions";

/**
 * Adds each corporate action step to the chain of the position it moved. A renamed chain is shown
 * under the symbol it carries on in (the broker lists the position there), so `underlying` follows
 * the rename; legs already name the contract each position ended in.
 */
export function addChainAdjustments(
  chains: RollChain[],
  adjustments: readonly AdjustmentRec[],
  chainIdOf: (episode: number) => string,
): RollChain[] {
  if (adjustments.length === 0) return chains;
  const byId = new Map(chains.map((chain) => [chain.id, chain]));
  // Adjustments are recorded in replay (date) order; a chain renamed twice ends under the last name.
  for (const adjustment of adjustments) {
    const chain = byId.get(chainIdOf(adjustment.episode));
    if (chain === undefined) continue;
    chain.adjustments.push(formatAdjustment(adjustment));
    if (adjustment.action.type === "rename" && chain.underlying === adjustment.from.underlying) {
      chain.underlying = adjustment.to.underlying;
    }
  }
  return chains;
}

function formatAdjustment(adjustment: AdjustmentRec): ChainAdjustment {
  const { action } = adjustment;
  return {
    actionId: action.id,
    type: action.type,
    date: action.date,
    from: ref(adjustment.from, adjustment.quantityBefore),
    to: ref(adjustment.to, adjustment.quantityAfter),
    label:
      action.type === "rename"
        ? `renamed ${action.symbol} → ${action.newSymbol}`
        : `split ${formatQuantity(action.sharesAfter)}:${formatQuantity(action.sharesBefore)}`,
  };
}

function ref(contract: ContractRec, quantity: number): AdjustedContractRef {
  return {
    contractKey: contract.key,
    underlying: contract.underlying,
    expiration: contract.expiration,
    strike: contract.strikeText,
    multiplier: contract.multiplierText,
    quantity: formatQuantity(quantity),
  };
}
