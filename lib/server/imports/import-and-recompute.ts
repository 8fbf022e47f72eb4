import "server-only";
import { AppError } from "@/lib/errors/app-error";
import { stepFailed } from "@/lib/errors/describe-error";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { type DeletedImport, deleteImport } from "./delete-import";
import { describeAdded, describeRemoved, hasNews } from "./describe-import";
import type { CsvFileImportResult } from "./import-csv-file";
import { type ImportInWorkerOptions, importCsvFileInWorker } from "./import-in-worker";

export type ImportOutcome = {
  result: CsvFileImportResult;
  /** Chains after the recompute; null when nothing new needed one (or the file was not imported). */
  recomputedChains: number | null;
};

/**
 * "Import a file": store its rows, then recompute P&L when it brought anything new. A file refused or
 * rejected is an outcome (its result says why, row by row); a failure throws `import_failed` (nothing
 * was written) or `recompute_failed` (the rows are stored and queued for the cron's recompute).
 */
export async function importAndRecompute(options: ImportInWorkerOptions): Promise<ImportOutcome> {
  let result: CsvFileImportResult;
  try {
    result = await importCsvFileInWorker(options);
  } catch (error) {
    throw stepFailed("import_failed", { prefix: "Import failed:", cause: error });
  }
  if (result.status !== "imported" || !hasNews(result)) return { result, recomputedChains: null };
  try {
    // Only who and where: the import's clock (`now`, for its daily allowance) is not P&L's as-of.
    const summary = await recomputeUserPnl({
      db: options.db,
      robinhoodUserId: options.robinhoodUserId,
      trigger: "import",
    });
    return { result, recomputedChains: summary.chains };
  } catch (error) {
    throw stepFailed("recompute_failed", {
      prefix: `Imported ${describeAdded(result)}, but recomputing P&L failed:`,
      cause: error,
    });
  }
}

/**
 * "Remove this import": delete what the file added, then recompute P&L without it. Throws
 * `import_not_found` (404), `import_removal_failed` or `recompute_failed`.
 */
export async function deleteImportAndRecompute(options: {
  robinhoodUserId: string;
  importId: string;
  db?: Database;
}): Promise<DeletedImport> {
  let deleted: DeletedImport | null;
  try {
    deleted = await deleteImport(options);
  } catch (error) {
    throw stepFailed("import_removal_failed", { prefix: "Removing the import failed:", cause: error });
  }
  if (!deleted) throw new AppError("import_not_found");
  try {
    await recomputeUserPnl({ ...options, trigger: "import" });
    return deleted;
  } catch (error) {
    throw stepFailed("recompute_failed", {
      prefix: `Removed ${describeRemoved(deleted)}, but recomputing P&L failed:`,
      cause: error,
    });
  }
}
