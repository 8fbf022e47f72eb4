import { formatMoney, formatQuantity } from "@/lib/money";
import type { ContractRec } from "../internal-types";
import type { Roll, RollContractRef } from "../result-types";
import type { RollRec } from "./detect-rolls";

export function formatRoll(roll: RollRec): Roll {
  const { pair, classification } = roll;
  return {
    id: roll.id,
    date: roll.day,
    from: contractRef(pair.from.contract),
    to: contractRef(pair.to.contract),
    closeQuantity: formatQuantity(pair.closeQuantity),
    openQuantity: formatQuantity(pair.openQuantity),
    netCash: formatMoney(roll.netCash),
    cashKind: classification.cashKind,
    expiry: classification.expiry,
    strike: classification.strike,
    label: classification.label,
    oneOrder: roll.oneOrder,
    closeExecutionIds: pair.from.execs.map((exec) => exec.id),
    openExecutionIds: pair.to.execs.map((exec) => exec.id),
  };
}

function contractRef(contract: ContractRec): RollContractRef {
  return { contractKey: contract.key, expiration: contract.expiration, strike: contract.strikeText };
}
