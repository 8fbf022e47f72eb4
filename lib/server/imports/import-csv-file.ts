import "server-only";
import { createHash } from "node:crypto";
import { getEnv } from "@/lib/env";
import {
  CsvFileError,
  type CsvFormat,
  type CsvImportSummary,
  type CsvRowError,
  type CsvWarning,
  streamCsvImport,
} from "@/lib/robinhood/csv";
import { connectionStringOf } from "@/lib/server/db/connection-strings";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { refreshInputStatistics } from "@/lib/server/recompute/refresh-input-statistics";
import { claimImportQuota } from "./claim-import-quota";
import { storeImportRows } from "./import-rows";
import { withImportSlot } from "./with-import-slot";
import { withImportTransaction } from "./with-import-transaction";
import { storeCsvAccount, type WrittenTrades, writeImportedTrades } from "./write-imported-trades";

export type ImportCsvFileOptions = {
  robinhoodUserId: string;
  fileName: string;
  /** The file as uploaded: its bytes, or its text. */
  text: string | Uint8Array;
  db?: Database;
  /** The database to write to, when no client is given (a process that only imports needs no Prisma). */
  connectionString?: string;
  /** Overrides of the configured limits (tests, the benchmark on a busy machine). */
  limits?: { bytesPerDay?: number; batchRows?: number; writeTimeoutMs?: number };
  now?: Date;
};

/** At most this many row errors are returned; the count says how many there were. */
const MAX_REPORTED_ERRORS = 100;
/** The writing transaction's limit; a 20 MB file takes about a minute of it on one idle core. */
const WRITE_TIMEOUT_MS = 600_000;

export type CsvFileImportResult =
  | {
      status: "rejected";
      /** Why nothing was imported. */
      message: string;
      errors: CsvRowError[];
      errorCount: number;
    }
  | {
      /** Not read at all: another import of the user is running, or the daily allowance is used up. */
      status: "refused";
      reason: "busy" | "quota";
      message: string;
    }
  | { status: "already-imported"; importId: string; importedAt: Date }
  | {
      status: "imported";
      importId: string;
      format: CsvFormat;
      /** Data rows in the file. */
      rows: number;
      /** Rows used for fills, events, stock trades and corporate actions, and rows left unused (cash, …). */
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
      /** The first warnings in row order; `warningCount` says how many there were. */
      warnings: CsvWarning[];
      warningCount: number;
    };

/**
 * Imports a Robinhood activity report, option-orders or stock-orders export for one user, one import per user at a
 * time and within the user's daily allowance of bytes. The file is read twice, as a stream, never
 * whole: first to check every row (a file with any bad row is rejected with every reason — row,
 * column, why — and nothing is written), then to write it in batches inside ONE user transaction
 * that also stores the import and queues a recompute, so a failure anywhere writes nothing. The same
 * file twice, or rows already imported from another file, add nothing (natural keys).
 */
export async function importCsvFile(options: ImportCsvFileOptions): Promise<CsvFileImportResult> {
  const bytes = typeof options.text === "string" ? Buffer.from(options.text) : options.text;
  const connectionString = options.connectionString ?? connectionStringOf(options.db);
  const slot = await withImportSlot(
    { connectionString, robinhoodUserId: options.robinhoodUserId, timeoutMs: 2 * writeTimeoutMs(options) },
    async () => {
      const quota = await claimImportQuota({
        connectionString,
        robinhoodUserId: options.robinhoodUserId,
        bytes: bytes.byteLength,
        bytesPerDay: options.limits?.bytesPerDay ?? getEnv().IMPORT_BYTES_PER_DAY,
        now: options.now,
      });
      if (!quota.ok) return { status: "refused", reason: "quota", message: quota.message } as const;
      return checkThenWrite(options, bytes, connectionString);
    },
  );
  if (slot.status === "busy") {
    return {
      status: "refused",
      reason: "busy",
      message:
        "An import is already running for your account. Wait for it to finish, then upload this file again.",
    };
  }
  return slot.value;
}

async function checkThenWrite(
  options: ImportCsvFileOptions,
  bytes: Uint8Array,
  connectionString: string,
): Promise<CsvFileImportResult> {
  let checked: CsvImportSummary;
  try {
    checked = await streamCsvImport({ file: bytes, maxErrors: MAX_REPORTED_ERRORS });
  } catch (error) {
    if (error instanceof CsvFileError)
      return { status: "rejected", message: error.message, errors: [], errorCount: 0 };
    throw error;
  }
  if (checked.errorCount > 0) {
    const count = checked.errorCount;
    const listed = count > checked.errors.length ? ` The first ${checked.errors.length} are listed.` : "";
    return {
      status: "rejected",
      message: `${count.toLocaleString("en-US")} ${count === 1 ? "row" : "rows"} could not be read, so nothing was imported. Fix ${count === 1 ? "it" : "them"} and upload the file again.${listed}`,
      errors: checked.errors,
      errorCount: count,
    };
  }
  if (checked.rows === 0) {
    return { status: "rejected", message: "The file has a header but no rows.", errors: [], errorCount: 0 };
  }
  const fileSha256 = fileHash(bytes);
  return withImportTransaction(
    {
      connectionString,
      robinhoodUserId: options.robinhoodUserId,
      timeoutMs: writeTimeoutMs(options),
    },
    async (tx, user) => {
      const [earlier] = await tx.$queryRawUnsafe<{ id: string; created_at: Date }[]>(
        "SELECT id::text, created_at FROM imports WHERE user_id = $1::uuid AND file_sha256 = $2::text",
        user.id,
        fileSha256,
      );
      if (earlier)
        return { status: "already-imported", importId: earlier.id, importedAt: earlier.created_at };

      const [created] = await tx.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO imports (user_id, file_name, file_sha256, format, status, row_count)
         VALUES ($1::uuid, $2::text, $3::text, $4::"ImportFormat", 'PENDING', $5::integer)
         RETURNING id::text`,
        user.id,
        options.fileName,
        fileSha256,
        checked.format === "activity-report" ? "ACTIVITY_REPORT" : "ORDERS_EXPORT",
        checked.rows,
      );
      if (!created) throw new Error("the import could not be stored");
      const target = { importId: created.id, accountId: await storeCsvAccount(tx, user) };
      const totals = {
        newExecutions: 0,
        newEvents: 0,
        newStockTrades: 0,
        newCorporateActions: 0,
        storedRows: 0,
      };
      const written = await streamCsvImport({
        file: bytes,
        batchRows: options.limits?.batchRows,
        onBatch: async (batch) => {
          const trades = await writeImportedTrades(tx, user, target, batch);
          totals.newExecutions += trades.newExecutions;
          totals.newEvents += trades.newEvents;
          totals.newStockTrades += trades.newStockTrades;
          totals.newCorporateActions += trades.newCorporateActions;
          // A row an earlier file already brought (same values, same occurrence) is not stored again.
          totals.storedRows += await storeImportRows(tx, user, created.id, batch.rows);
        },
      });
      // The bytes did not change between the two readings; anything else is a bug, and rolls back.
      if (written.errorCount > 0 || written.rows !== checked.rows)
        throw new Error("the file read differently the second time");
      const duplicateRows = checked.rows - totals.storedRows;
      await tx.$executeRawUnsafe(
        `UPDATE imports SET status = 'COMPLETED', imported_count = $2::integer, skipped_count = $3::integer,
           error_count = 0, completed_at = $4::timestamptz
         WHERE id = $1::uuid`,
        created.id,
        newCount(totals),
        checked.rows - checked.usedRows + duplicateRows,
        new Date(),
      );
      // Each batch recorded its books (writeImportedTrades); corporate actions move lots between
      // contracts, so a file that brought one asks for a full replay.
      if (newCount(totals) > 0) await markInputsChanged(tx, user, { full: totals.newCorporateActions > 0 });
      // An order and its leg are stored with the order's first fill, so they grow with the fills.
      await refreshInputStatistics(tx, user, {
        option_orders: totals.newExecutions,
        option_legs: totals.newExecutions,
        option_executions: totals.newExecutions,
        option_events: totals.newEvents,
        stock_trades: totals.newStockTrades,
      });
      return {
        status: "imported",
        importId: created.id,
        format: checked.format,
        rows: checked.rows,
        usedRows: checked.usedRows,
        unusedRows: checked.rows - checked.usedRows,
        duplicateRows,
        newExecutions: totals.newExecutions,
        newEvents: totals.newEvents,
        newStockTrades: totals.newStockTrades,
        newCorporateActions: totals.newCorporateActions,
        warnings: checked.warnings,
        warningCount: checked.warningCount,
      };
    },
  );
}

/** Fills, events, stock trades and corporate actions stored now (not by an earlier import). */
function newCount(totals: WrittenTrades): number {
  return totals.newExecutions + totals.newEvents + totals.newStockTrades + totals.newCorporateActions;
}

function writeTimeoutMs(options: ImportCsvFileOptions): number {
  return options.limits?.writeTimeoutMs ?? WRITE_TIMEOUT_MS;
}

/**
 * The file's identity for "already imported": the SHA-256 of its bytes without a UTF-8 byte-order
 * mark, which is the hash earlier versions took of the decoded text.
 */
function fileHash(bytes: Uint8Array): string {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return createHash("sha256")
    .update(bom ? bytes.subarray(3) : bytes)
    .digest("hex");
}
