import { formatMoney, formatQuantity } from "@/lib/money";
import { f64, i32 } from "../cells";
import { fillAccount, fillDate, fillId } from "../fill-fields";
import { stableHash } from "../hash";
import type { BookTable, ContractRec, FillTable } from "../internal-types";
import type { Roll, RollContractRef } from "../result-types";
import { classifyRoll } from "./classify";
import type { RollTable } from "./detect-rolls";

/** A close and an open fill pair at most once, so their ids identify the roll. */
export function rollId(rolls: RollTable, fills: FillTable, books: BookTable, roll: number): string {
  const close = i32(rolls.pool.fills, i32(rolls.fillStart, roll));
  const open = i32(rolls.pool.fills, i32(rolls.openStart, roll));
  return `rl_${stableHash([fillAccount(fills, books, close), fillId(fills, close), fillId(fills, open)])}`;
}

export function formatRoll(rolls: RollTable, fills: FillTable, roll: number, id: string): Roll {
  const from = rolls.from[roll] as ContractRec;
  const to = rolls.to[roll] as ContractRec;
  const netCash = f64(rolls.netCash, roll);
  const classification = classifyRoll(from, to, netCash);
  return {
    id,
    // The roll's date is its closing fills' trade date.
    date: fillDate(fills, i32(rolls.pool.fills, i32(rolls.fillStart, roll))),
    from: contractRef(from),
    to: contractRef(to),
    closeQuantity: formatQuantity(f64(rolls.closeQuantity, roll)),
    openQuantity: formatQuantity(f64(rolls.openQuantity, roll)),
    netCash: formatMoney(netCash),
    cashKind: classification.cashKind,
    expiry: classification.expiry,
    strike: classification.strike,
    label: classification.label,
    oneOrder: rolls.oneOrder[roll] === 1,
    closeExecutionIds: idsOf(rolls, fills, i32(rolls.fillStart, roll), i32(rolls.openStart, roll)),
    openExecutionIds: idsOf(rolls, fills, i32(rolls.openStart, roll), i32(rolls.fillEnd, roll)),
  };
}

function idsOf(rolls: RollTable, fills: FillTable, start: number, end: number): string[] {
  const ids: string[] = [];
  for (let index = start; index < end; index++) {
    ids.push(fillId(fills, i32(rolls.pool.fills, index)));
  }
  return ids;
}

function contractRef(contract: ContractRec): RollContractRef {
  return { contractKey: contract.key, expiration: contract.expiration, strike: contract.strikeText };
}
