import "server-only";
import type { ImportRowStatus } from "@/lib/generated/prisma/enums";
import { type CsvImport, type CsvRecord, detectCsvFormat } from "@/lib/robinhood/csv";

export type ImportRowData = {
  rowNumber: number;
  rowHash: string;
  transCode: string | null;
  status: ImportRowStatus;
  reason: string | null;
  raw: Record<string, string>;
};

/**
 * One stored row per data row of the file, with its values by column name, what it became and,
 * when unused, why — so nothing in a file is lost silently. `rowHash` is the row's natural key
 * (hash and occurrence), the same when the file is imported again.
 */
export function importRowsOf(records: readonly CsvRecord[], parsed: CsvImport): ImportRowData[] {
  const header = headerOf(records);
  const fieldsByRow = new Map(records.map((record) => [record.row, record.fields]));
  const unusedReasons = new Map(parsed.unused.map((unused) => [unused.row, unused.reason]));
  return parsed.rows.map((row) => {
    const raw: Record<string, string> = {};
    const fields = fieldsByRow.get(row.row) ?? [];
    fields.forEach((value, index) => {
      raw[header[index] ?? `column ${index + 1}`] = value;
    });
    const used = row.use !== "unused" && row.use !== "error";
    return {
      rowNumber: row.row,
      rowHash: row.key,
      transCode: raw["Trans Code"]?.trim() || null,
      status: used ? "USED" : "UNUSED",
      reason: used ? null : (unusedReasons.get(row.row) ?? "not an option fill or lifecycle event"),
      raw,
    };
  });
}

function headerOf(records: readonly CsvRecord[]): string[] {
  const detected = detectCsvFormat(records);
  if (detected === null) return [];
  return (records[detected.headerIndex]?.fields ?? []).map((name) => name.trim());
}
