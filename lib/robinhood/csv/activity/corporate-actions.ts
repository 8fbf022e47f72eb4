import { formatQuantity } from "@/lib/money";
import type { PnlExecution } from "@/lib/pnl";
import { parseOptionDescription } from "../fields";
import type { ImportContext } from "../import-context";
import type { ImportedRow } from "../types";
import type { ActivityRow } from "./activity-row";
import { contractOf, dayInstant } from "./trade-rows";

export interface CorporateActionRow {
  row: ActivityRow;
  imported: ImportedRow;
}

/**
 * OCA rows re-root a contract (a SPAC merger renames the underlying): two rows on one date with the
 * same expiry, strike and type, one per root, one with the `S` suffix. The root the account held
 * before that date is the old one. The importer books the swap as a close of the old contract and
 * an open of the new one, both at zero: the totals stay exact, but the premium is realized on the
 * old contract and the new one starts at zero cost — said in a warning on every pair.
 */
export function importCorporateActions(context: ImportContext, rows: CorporateActionRow[]): void {
  const groups = new Map<string, CorporateActionRow[]>();
  for (const item of rows) {
    const description = parseOptionDescription(item.row.fields.Description);
    if (!description.ok) {
      context.error(item.row, "Description", description.reason, item.imported);
      continue;
    }
    const { expiration, strike, optionType } = description.value;
    const key = `${item.row.fields["Activity Date"]}|${expiration}|${strike}|${optionType}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  // Positions come from the file's fills and events, not from the pairs converted here.
  const snapshot = context.ledger.length;
  for (const group of groups.values()) convertPair(context, group, snapshot);
}

function convertPair(context: ImportContext, group: CorporateActionRow[], snapshot: number): void {
  const leave = (reason: string) => {
    for (const item of group) {
      context.leaveUnused(item.row, { code: "OCA", reason, amount: item.row.fields.Amount });
    }
  };
  const [first, second] = group;
  if (group.length !== 2 || first === undefined || second === undefined) {
    leave(`option corporate action without exactly one partner row (found ${group.length} on this date)`);
    return;
  }
  const date = first.row.fields["Activity Date"];
  const contracts = group.map((item) => {
    const description = parseOptionDescription(item.row.fields.Description);
    if (!description.ok) throw new Error("description was checked before");
    return contractOf(description.value, context.multiplier);
  });
  const held = context.ledger.positionsBefore(contracts, date, snapshot);
  const oldIndex = held[0] !== 0 && held[1] === 0 ? 0 : held[1] !== 0 && held[0] === 0 ? 1 : -1;
  if (oldIndex < 0) {
    leave("option corporate action: cannot tell which contract was replaced (no position before it)");
    return;
  }
  const old = group[oldIndex] as CorporateActionRow;
  const replacement = group[1 - oldIndex] as CorporateActionRow;
  const long = (held[oldIndex] ?? 0) > 0;
  if (old.row.fields.Quantity?.reduces !== long || replacement.row.fields.Quantity?.reduces === long) {
    leave("option corporate action whose S suffixes do not fit the position it replaces");
    return;
  }
  const quantity = old.row.fields.Quantity?.value ?? "0";
  const make = (item: CorporateActionRow, index: number, open: boolean): PnlExecution => ({
    id: `rh:${item.imported.key}`,
    accountId: context.accountId,
    orderId: `rh-oca:${first.imported.key}`,
    legId: null,
    contract: contracts[index] as PnlExecution["contract"],
    side: long === open ? "buy" : "sell",
    positionEffect: open ? "open" : "close",
    quantity,
    price: "0",
    fees: "0",
    executedAt: dayInstant(date),
    tradeDate: date,
  });
  const closing = make(old, oldIndex, false);
  const opening = make(replacement, 1 - oldIndex, true);
  context.addExecution(closing);
  context.addExecution(opening);
  context.use(old.imported, "corporate-action", closing.id);
  context.use(replacement.imported, "corporate-action", opening.id);
  context.warn(
    old.row.row,
    `corporate action: ${formatQuantity(Math.abs(held[oldIndex] ?? 0))} ${old.row.fields.Description} became ${replacement.row.fields.Description}; booked as a close and an open at 0, so the premium is realized on the old contract`,
  );
}
