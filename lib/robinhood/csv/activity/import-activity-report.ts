import type { FormatReader } from "../format-reader";
import { ImportContext } from "../import-context";
import type { CsvRecord } from "../read-records";
import type { CsvImport, CsvImportOptions, ImportedRow } from "../types";
import { type ActivityRow, activityKeyValues, mapActivityHeader, parseActivityRow } from "./activity-row";
import { type CorporateActionRow, importCorporateActions } from "./corporate-actions";
import { EVENT_CODES, importEvent, PendingEvents, pairStockLegs, stockLegOf } from "./lifecycle-rows";
import { importSplits, isSplitCode, SHARE_CODES, type ShareChange, shareChangeOf } from "./split-rows";
import { importSharesReceived, importStockTrade, SHARES_RECEIVED_CODES } from "./stock-rows";
import { importTrade, TRADE_CODES } from "./trade-rows";
import { unusedReason } from "./unused-codes";

/**
 * Robinhood's account activity report → executions, lifecycle events, stock trades, and an
 * account of every other row. `records` come from `readRecords`; `headerIndex` is the position of the header record.
 */
export function importActivityReport(
  records: readonly CsvRecord[],
  headerIndex: number,
  options: CsvImportOptions = {},
): CsvImport {
  const context = new ImportContext("activity-report", options);
  const reader = activityReportReader(
    context,
    records.slice(0, headerIndex),
    records[headerIndex] as CsvRecord,
  );
  for (const record of records.slice(headerIndex + 1)) reader.add(record);
  reader.finish();
  return context.result();
}

/**
 * The activity report read one record at a time, so a large file can be imported in batches: each
 * row becomes what it is as it arrives, except the few that need the whole file (stock legs of
 * assignments and exercises, which pair with their option row, and corporate actions, which need
 * the position before them); those are settled by `finish`.
 */
export function activityReportReader(
  context: ImportContext,
  preamble: readonly CsvRecord[],
  header: CsvRecord,
): FormatReader {
  const columns = mapActivityHeader(header.fields);
  if (Array.isArray(columns)) {
    context.error(header, null, `header is missing column(s): ${columns.join(", ")}`);
    return { add: () => {}, finish: () => {} };
  }
  for (const record of preamble) {
    context.leaveUnused(record, { code: "preamble", reason: "line before the header", amount: null });
  }
  const pending = new PendingEvents();
  const stockLegs: ActivityRow[] = [];
  const stockLegRows = new Map<number, ImportedRow>();
  const corporateActions: CorporateActionRow[] = [];
  const splits: CorporateActionRow[] = [];
  // What every row that changes a share count changed, read by splits to find their ratio.
  const shareRows: ShareChange[] = [];
  const add = (record: CsvRecord) => {
    const filler = fillerKind(record.fields, header.fields.length);
    if (filler !== null) {
      context.leaveUnused(record, { code: filler, reason: FILLER_REASONS[filler], amount: null });
      return;
    }
    const parsed = parseActivityRow(record, columns);
    if ("errors" in parsed) {
      const imported = context.addRow(record, record.fields);
      for (const error of parsed.errors) context.error(record, error.column, error.reason, imported);
      return;
    }
    const row = parsed.row;
    const imported = context.addRow(row, activityKeyValues(row.fields));
    const code = row.fields["Trans Code"];
    if (SHARE_CODES.has(code)) shareRows.push(shareChangeOf(row));
    if (TRADE_CODES.has(code)) importTrade(context, row, imported);
    else if (code in EVENT_CODES) {
      const event = importEvent(context, row, imported);
      if (event) pending.add(event);
    } else if (code === "OCA") corporateActions.push({ row, imported });
    else if (isSplitCode(code)) splits.push({ row, imported });
    else if ((code === "Buy" || code === "Sell") && stockLegOf(row) !== null) {
      stockLegs.push(row);
      stockLegRows.set(row.row, imported);
    } else if (code === "Buy" || code === "Sell") importStockTrade(context, row, imported);
    else if (SHARES_RECEIVED_CODES.has(code)) importSharesReceived(context, row, imported);
    else context.leaveUnused(row, { code, reason: unusedReason(code), amount: row.fields.Amount });
  };
  const finish = () => {
    const unpaired = new Set(pairStockLegs(context, pending, stockLegs));
    for (const leg of stockLegs) {
      const imported = stockLegRows.get(leg.row) as ImportedRow;
      if (unpaired.has(leg)) {
        // No event in the file delivers these shares, so the row itself moves them (once).
        context.warn(
          leg.row,
          "stock side of an assignment or exercise whose option row is not in the file; booked as a stock trade",
        );
        importStockTrade(context, leg, imported);
      } else context.use(imported, "stock-leg");
    }
    importCorporateActions(context, corporateActions);
    importSplits(context, splits, shareRows);
  };
  return { add, finish };
}

type Filler = "blank" | "trailer";

const FILLER_REASONS: Record<Filler, string> = {
  blank: "empty line",
  trailer: "report trailer (the disclaimer Robinhood appends)",
};

/**
 * The report ends with a line holding one empty quoted field and a disclaimer row with one field
 * more than the header; fixtures put the disclaimer elsewhere. Any row with at most one non-empty
 * field that is not a data row's shape counts as filler.
 */
function fillerKind(fields: readonly string[], headerLength: number): Filler | null {
  const filled = fields.filter((field) => field.trim() !== "");
  if (filled.length === 0) return "blank";
  if (filled.length === 1 && ((filled[0] ?? "").length > 60 || fields.length !== headerLength))
    return "trailer";
  return null;
}
