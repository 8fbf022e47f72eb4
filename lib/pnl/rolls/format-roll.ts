import { add, formatMoney, formatQuantity } from "@/lib/money";
import type { ContractRec } from "../internal-types";
import type { Roll, RollContractRef } from "../result-types";
import { classifyRoll } from "./classify";
import type { RollPair } from "./pairing";

export interface FormatRollOptions {
  id: string;
  day: string;
  pair: RollPair;
  oneOrder: boolean;
}

export function formatRoll({ id, day, pair, oneOrder }: FormatRollOptions): Roll {
  const netCash = add(pair.closeCash, pair.openCash);
  const classification = classifyRoll(pair.from.contract, pair.to.contract, netCash);
  return {
    id,
    date: day,
    from: contractRef(pair.from.contract),
    to: contractRef(pair.to.contract),
    closeQuantity: formatQuantity(pair.closeQuantity),
    openQuantity: formatQuantity(pair.openQuantity),
    netCash: formatMoney(netCash),
    cashKind: classification.cashKind,
    expiry: classification.expiry,
    strike: classification.strike,
    label: classification.label,
    oneOrder,
    closeExecutionIds: pair.from.execs.map((exec) => exec.id),
    openExecutionIds: pair.to.execs.map((exec) => exec.id),
  };
}

function contractRef(contract: ContractRec): RollContractRef {
  return { contractKey: contract.key, expiration: contract.expiration, strike: contract.strikeText };
}
