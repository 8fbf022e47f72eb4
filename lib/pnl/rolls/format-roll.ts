import { formatMoney, formatQuantity } from "@/lib/money";
import { stableHash } from "../hash";
import type { ContractRec, FillTable } from "../internal-types";
import type { Roll, RollContractRef } from "../result-types";
import type { PnlExecution } from "../types";
import { classifyRoll } from "./classify";
import type { RollTable } from "./detect-rolls";

/** A close and an open fill pair at most once, so their ids identify the roll. */
export function rollId(rolls: RollTable, fills: FillTable, roll: number): string {
  const close = fills.raw[rolls.pool.fills[rolls.fillStart[roll] as number] as number] as PnlExecution;
  const open = fills.raw[rolls.pool.fills[rolls.openStart[roll] as number] as number] as PnlExecution;
  return `rl_${stableHash([close.accountId, close.id, open.id])}`;
}

export function formatRoll(rolls: RollTable, fills: FillTable, roll: number, id: string): Roll {
  const from = rolls.from[roll] as ContractRec;
  const to = rolls.to[roll] as ContractRec;
  const netCash = rolls.netCash[roll] as number;
  const classification = classifyRoll(from, to, netCash);
  return {
    id,
    // The roll's date is its closing fills' trade date.
    date: (fills.raw[rolls.pool.fills[rolls.fillStart[roll] as number] as number] as PnlExecution).tradeDate,
    from: contractRef(from),
    to: contractRef(to),
    closeQuantity: formatQuantity(rolls.closeQuantity[roll] as number),
    openQuantity: formatQuantity(rolls.openQuantity[roll] as number),
    netCash: formatMoney(netCash),
    cashKind: classification.cashKind,
    expiry: classification.expiry,
    strike: classification.strike,
    label: classification.label,
    oneOrder: rolls.oneOrder[roll] === 1,
    closeExecutionIds: idsOf(rolls, fills, rolls.fillStart[roll] as number, rolls.openStart[roll] as number),
    openExecutionIds: idsOf(rolls, fills, rolls.openStart[roll] as number, rolls.fillEnd[roll] as number),
  };
}

function idsOf(rolls: RollTable, fills: FillTable, start: number, end: number): string[] {
  const ids: string[] = [];
  for (let index = start; index < end; index++) {
    ids.push((fills.raw[rolls.pool.fills[index] as number] as PnlExecution).id);
  }
  return ids;
}

function contractRef(contract: ContractRec): RollContractRef {
  return { contractKey: contract.key, expiration: contract.expiration, strike: contract.strikeText };
}
