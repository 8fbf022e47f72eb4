import { add, formatQuantity, type Micro, negate, parseDecimal, wholeRatio } from "@/lib/money";
import type { PnlSplit } from "@/lib/pnl";
import type { ImportContext } from "../import-context";
import type { ActivityRow } from "./activity-row";
import type { CorporateActionRow } from "./corporate-actions";

/** Rows that change how many shares of an instrument the account holds. */
export const SHARE_CODES: ReadonlySet<string> = new Set(["Buy", "Sell", "REC", "SDIV", "SXCH", "SPL", "SPR"]);
const SPLIT_CODES: ReadonlySet<string> = new Set(["SPL", "SPR"]);

export function isSplitCode(code: string): boolean {
  return SPLIT_CODES.has(code);
}

/** The largest denominator and numerator tried when reading a split ratio off share counts. */
const MAX_BEFORE = 10;
const MAX_AFTER = 100;

/**
 * `SPL` rows give the shares a split added (`SPR`, with `S`, those a reverse split removed), never
 * the ratio (robinhood-csv.md §2.5). One split can come as several rows booked together — GOOGL's
 * 20:1 in July 2022 is `3.8` dated 7/15 and `66.5` dated 7/18, both processed 7/18 — so rows of one
 * instrument and process date form one split, effective on the latest activity date. Its ratio is
 * read off the shares the file shows held before that date: (held + added) / held, which must be a
 * small whole ratio (after:before with before ≤ 10) for the split to be trusted. A file that starts
 * after the shares were bought cannot tell it; those rows stay unused, with the reason.
 */
export function importSplits(
  context: ImportContext,
  splits: CorporateActionRow[],
  shareRows: readonly ShareChange[],
): void {
  const groups = new Map<string, CorporateActionRow[]>();
  for (const item of splits) {
    const fields = item.row.fields;
    const key = `${fields.Instrument}|${fields["Process Date"] ?? fields["Activity Date"]}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  for (const group of groups.values()) {
    const symbol = (group[0] as CorporateActionRow).row.fields.Instrument;
    const date = group.map((item) => item.row.fields["Activity Date"]).sort()[group.length - 1] as string;
    const members = new Set(group.map((item) => item.row.row));
    let held: Micro = 0;
    for (const change of shareRows) {
      if (change.symbol !== symbol || change.date >= date || members.has(change.row)) continue;
      held = add(held, change.shares);
    }
    const added = group.reduce<Micro>((total, item) => add(total, signedShares(item.row)), 0);
    const ratio =
      held > 0
        ? wholeRatio({
            after: add(held, added),
            before: held,
            maxBefore: MAX_BEFORE,
            maxAfter: MAX_AFTER,
            // Cash in lieu of fractional shares can leave the counts a little off: half a percent.
            tolerancePerMille: 5,
          })
        : null;
    if (symbol === "" || ratio === null) {
      for (const item of group) {
        context.leaveUnused(item.row, {
          code: item.row.fields["Trans Code"],
          reason: `stock split whose ratio the file cannot tell: ${formatQuantity(held)} share(s) held before it, ${formatQuantity(added)} added`,
          amount: item.row.fields.Amount,
        });
      }
      continue;
    }
    const keys = group.map((item) => item.imported.key).sort();
    const action: PnlSplit = {
      type: "split",
      id: `rh-spl:${keys[0]}`,
      accountId: context.accountId,
      date,
      symbol,
      sharesAfter: String(ratio.after),
      sharesBefore: String(ratio.before),
    };
    context.corporateActions.push(action);
    for (const item of group) context.use(item.imported, "corporate-action", action.id);
  }
}

/**
 * A row's change to a share count, kept for the whole file in place of the row itself: a large
 * file is imported in batches, and only these few values per share row wait for its splits.
 */
export interface ShareChange {
  row: number;
  symbol: string;
  date: string;
  shares: Micro;
}

export function shareChangeOf(row: ActivityRow): ShareChange {
  return {
    row: row.row,
    symbol: row.fields.Instrument,
    date: row.fields["Activity Date"],
    shares: signedShares(row),
  };
}

function signedShares(row: ActivityRow): Micro {
  const quantity = row.fields.Quantity;
  if (quantity === null) return 0;
  const shares = parseDecimal(quantity.value);
  const removes = row.fields["Trans Code"] === "Sell" || quantity.reduces;
  return removes ? negate(shares) : shares;
}
