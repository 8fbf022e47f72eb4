import "server-only";
import { createHash } from "node:crypto";
import {
  CsvFileError,
  type CsvFormat,
  type CsvRecord,
  type CsvRowError,
  type CsvWarning,
  importRobinhoodRecords,
  readRecords,
} from "@/lib/robinhood/csv";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { insertRows } from "@/lib/server/db/insert-rows";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { importRowsOf } from "./import-rows";
import { writeImportedTrades } from "./write-imported-trades";

export type ImportCsvFileOptions = {
  robinhoodUserId: string;
  fileName: string;
  text: string;
  db?: Database;
};

const IMPORT_ROW_COLUMNS = {
  rowNumber: "integer",
  rowHash: "text",
  transCode: "text",
  status: '"ImportRowStatus"',
  reason: "text",
  raw: "jsonb",
  userId: "uuid",
  importId: "uuid",
} as const;

/** At most this many row errors are returned; the count says how many there were. */
const MAX_REPORTED_ERRORS = 100;

export type CsvFileImportResult =
  | {
      status: "rejected";
      /** Why nothing was imported. */
      message: string;
      errors: CsvRowError[];
      errorCount: number;
    }
  | { status: "already-imported"; importId: string; importedAt: Date }
  | {
      status: "imported";
      importId: string;
      format: CsvFormat;
      /** Data rows in the file. */
      rows: number;
      /** Rows used for fills and events, and rows left unused (cash, stock trades, …). */
      usedRows: number;
      unusedRows: number;
      /** Rows an earlier file already imported (same values at the same occurrence). */
      duplicateRows: number;
      newExecutions: number;
      newEvents: number;
      /** Equity trades (`Buy`/`Sell` rows that are not an option's delivered stock) stored now. */
      newStockTrades: number;
      /** Renames and splits not stored before. */
      newCorporateActions: number;
      warnings: CsvWarning[];
    };

/**
 * Imports a Robinhood activity report or option-orders export for one user. A file that cannot be
 * read, or that has any bad row, is rejected whole with every reason (row, column, why) and nothing
 * is written. Otherwise the import, its rows and the new fills and events are written in ONE user
 * transaction that also queues the user for recompute. The same file twice, or rows already
 * imported from another file, add nothing.
 */
export async function importCsvFile(options: ImportCsvFileOptions): Promise<CsvFileImportResult> {
  let records: CsvRecord[];
  let parsed: ReturnType<typeof importRobinhoodRecords>;
  try {
    records = readRecords(options.text);
    parsed = importRobinhoodRecords(records);
  } catch (error) {
    if (error instanceof CsvFileError)
      return { status: "rejected", message: error.message, errors: [], errorCount: 0 };
    throw error;
  }
  if (parsed.errors.length > 0) {
    const count = parsed.errors.length;
    return {
      status: "rejected",
      message: `${count} ${count === 1 ? "row" : "rows"} could not be read, so nothing was imported. Fix ${count === 1 ? "it" : "them"} and upload the file again.`,
      errors: parsed.errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: count,
    };
  }
  if (parsed.rows.length === 0) {
    return { status: "rejected", message: "The file has a header but no rows.", errors: [], errorCount: 0 };
  }

  const fileSha256 = createHash("sha256").update(options.text).digest("hex");
  const rows = importRowsOf(records, parsed);
  return withUserTransaction(
    { db: options.db, robinhoodUserId: options.robinhoodUserId, purpose: "work", timeoutMs: 120_000 },
    async (tx, user) => {
      const earlier = await tx.import.findUnique({
        where: { userId_fileSha256: { userId: user.id, fileSha256 } },
        select: { id: true, createdAt: true },
      });
      if (earlier) return { status: "already-imported", importId: earlier.id, importedAt: earlier.createdAt };

      const created = await tx.import.create({
        data: {
          userId: user.id,
          fileName: options.fileName,
          fileSha256,
          format: parsed.format === "activity-report" ? "ACTIVITY_REPORT" : "ORDERS_EXPORT",
          status: "PENDING",
          rowCount: rows.length,
        },
        select: { id: true },
      });
      const written = await writeImportedTrades(tx, user, created.id, parsed);

      // A row an earlier file already brought (same values, same occurrence) is not stored again.
      const storedRows = await insertRows(
        tx,
        "import_rows",
        rows.map((row) => ({ ...row, userId: user.id, importId: created.id })),
        IMPORT_ROW_COLUMNS,
        { onConflictDoNothing: true },
      );
      const duplicateRows = rows.length - storedRows;
      const usedRows = rows.filter((row) => row.status === "USED").length;
      await tx.import.update({
        where: { id: created.id },
        data: {
          status: "COMPLETED",
          importedCount:
            written.newExecutions + written.newEvents + written.newStockTrades + written.newCorporateActions,
          skippedCount: rows.length - usedRows + duplicateRows,
          errorCount: 0,
          completedAt: new Date(),
        },
      });
      if (
        written.newExecutions + written.newEvents + written.newStockTrades + written.newCorporateActions >
        0
      ) {
        await markInputsChanged(tx, user);
      }
      return {
        status: "imported",
        importId: created.id,
        format: parsed.format,
        rows: rows.length,
        usedRows,
        unusedRows: rows.length - usedRows,
        duplicateRows,
        newExecutions: written.newExecutions,
        newEvents: written.newEvents,
        newStockTrades: written.newStockTrades,
        newCorporateActions: written.newCorporateActions,
        warnings: parsed.warnings,
      };
    },
  );
}
