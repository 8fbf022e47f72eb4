import type { PnlRename } from "@/lib/pnl";
import { parseOptionDescription } from "../fields";
import type { ImportContext } from "../import-context";
import type { ImportedRow } from "../types";
import type { ActivityRow } from "./activity-row";
import { contractOf } from "./trade-rows";

export interface CorporateActionRow {
  row: ActivityRow;
  imported: ImportedRow;
}

/** One OCA pair whose old and new root are known. */
interface RootChange {
  date: string;
  from: string;
  to: string;
  rows: CorporateActionRow[];
}

/**
 * OCA rows re-root contracts (a SPAC merger renames the underlying): two rows on one date with the
 * same expiry, strike and type, one per root, one with the `S` suffix. The root the account held
 * before that date is the old one. Every pair of one merger (same date, old and new root) becomes one
 * rename of the underlying for the engine, which carries the open positions, their premium and their
 * chains over to the new root (robinhood-csv.md §2.5).
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
  // Positions come from the file's fills and events, not from what is converted here.
  const snapshot = context.ledger.length;
  const renames = new Map<string, RootChange>();
  for (const group of groups.values()) {
    const change = rootChangeOf(context, group, snapshot);
    if (change === null) continue;
    const key = `${change.date}|${change.from}|${change.to}`;
    const known = renames.get(key);
    if (known) known.rows.push(...change.rows);
    else renames.set(key, change);
  }
  for (const change of renames.values()) {
    // The id comes from the rows' own keys, so importing the same rows again finds the same action.
    const keys = change.rows.map((item) => item.imported.key).sort();
    const action: PnlRename = {
      type: "rename",
      id: `rh-oca:${keys[0]}`,
      accountId: context.accountId,
      date: change.date,
      symbol: change.from,
      newSymbol: change.to,
    };
    context.corporateActions.push(action);
    for (const item of change.rows) context.use(item.imported, "corporate-action", action.id);
  }
}

/** The pair's old and new root, or null (its rows left unused with the reason) when they cannot be told. */
function rootChangeOf(
  context: ImportContext,
  group: CorporateActionRow[],
  snapshot: number,
): RootChange | null {
  const leave = (reason: string) => {
    for (const item of group) {
      context.leaveUnused(item.row, { code: "OCA", reason, amount: item.row.fields.Amount });
    }
    return null;
  };
  const [first, second] = group;
  if (group.length !== 2 || first === undefined || second === undefined) {
    return leave(
      `option corporate action without exactly one partner row (found ${group.length} on this date)`,
    );
  }
  const date = first.row.fields["Activity Date"];
  const contracts = group.map((item) => {
    const description = parseOptionDescription(item.row.fields.Description);
    if (!description.ok) throw new Error("description was checked before");
    return contractOf(description.value, context.multiplier);
  });
  const held = context.ledger.positionsBefore(contracts, date, snapshot);
  let oldIndex = held[0] !== 0 && held[1] === 0 ? 0 : held[1] !== 0 && held[0] === 0 ? 1 : -1;
  if (oldIndex < 0 && held[0] === 0 && held[1] === 0) {
    // The file starts after the position opened (an excerpt): the root it shows traded from the
    // date on is the new one, and the old row's S suffix says whether the position was long.
    const later = context.ledger.rootsFrom(date, snapshot);
    const traded = contracts.map((contract) => later.has(contract.underlying));
    oldIndex = traded[0] && !traded[1] ? 1 : traded[1] && !traded[0] ? 0 : -1;
  }
  if (oldIndex < 0) {
    return leave("option corporate action: cannot tell which contract was replaced (no position before it)");
  }
  const old = group[oldIndex] as CorporateActionRow;
  const replacement = group[1 - oldIndex] as CorporateActionRow;
  const long = held[oldIndex] === 0 ? old.row.fields.Quantity?.reduces === true : (held[oldIndex] ?? 0) > 0;
  if (old.row.fields.Quantity?.reduces !== long || replacement.row.fields.Quantity?.reduces === long) {
    return leave("option corporate action whose S suffixes do not fit the position it replaces");
  }
  const from = contracts[oldIndex]?.underlying as string;
  const to = contracts[1 - oldIndex]?.underlying as string;
  if (from === to) return leave("option corporate action that keeps the same root");
  return { date, from, to, rows: [old, replacement] };
}
