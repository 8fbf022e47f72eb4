import "server-only";
import { plural, userMessageOf } from "@/lib/server/action-messages";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { deleteImport } from "./delete-import";
import { type CsvFileImportResult, type ImportCsvFileOptions, importCsvFile } from "./import-csv-file";

export type ImportOutcome = {
  ok: boolean;
  message: string;
  result: CsvFileImportResult | null;
};

/** "Import a file": store its rows, then recompute P&L when it brought anything new. */
export async function importAndRecompute(options: ImportCsvFileOptions): Promise<ImportOutcome> {
  let result: CsvFileImportResult;
  try {
    result = await importCsvFile(options);
  } catch (error) {
    return { ok: false, message: `Import failed: ${userMessageOf(error, "import")}`, result: null };
  }
  if (result.status === "rejected" || result.status === "refused")
    return { ok: false, message: result.message, result };
  if (result.status === "already-imported") {
    return {
      ok: true,
      message: `This file was already imported on ${result.importedAt.toISOString().slice(0, 10)}; nothing new was added.`,
      result,
    };
  }
  const parts = [plural(result.newExecutions, "new fill"), plural(result.newEvents, "new event")];
  if (result.newStockTrades > 0) parts.push(plural(result.newStockTrades, "stock trade"));
  if (result.newCorporateActions > 0) parts.push(plural(result.newCorporateActions, "corporate action"));
  // "8 new fills, 4 new events, 1 stock trade and 1 corporate action"
  const added = `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
  // A stock-orders export brings only stock trades: those are news too, and need a recompute.
  if (result.newExecutions + result.newEvents + result.newStockTrades + result.newCorporateActions === 0) {
    return {
      ok: true,
      message: `Imported ${plural(result.rows, "row")}: every fill and event was already known.`,
      result,
    };
  }
  try {
    // Only who and where: the import's clock (`now`, for its daily allowance) is not P&L's as-of.
    const summary = await recomputeUserPnl({
      db: options.db,
      robinhoodUserId: options.robinhoodUserId,
      trigger: "import",
    });
    return {
      ok: true,
      message: `Imported ${plural(result.rows, "row")} (${added}) and recomputed ${plural(summary.chains, "chain")}.`,
      result,
    };
  } catch (error) {
    return {
      ok: false,
      message: `Imported ${added}, but recomputing P&L failed: ${userMessageOf(error, "import")}`,
      result,
    };
  }
}

/** "Remove this import": delete what the file added, then recompute P&L without it. */
export async function deleteImportAndRecompute(options: {
  robinhoodUserId: string;
  importId: string;
  db?: Database;
}): Promise<{ ok: boolean; message: string; found: boolean }> {
  let deleted: Awaited<ReturnType<typeof deleteImport>>;
  try {
    deleted = await deleteImport(options);
  } catch (error) {
    return {
      ok: false,
      found: true,
      message: `Removing the import failed: ${userMessageOf(error, "import removal")}`,
    };
  }
  if (!deleted)
    return {
      ok: false,
      found: false,
      message: "That import does not exist (it may have been removed already).",
    };
  const removed = `${deleted.fileName}: ${plural(deleted.executions, "fill")} and ${plural(deleted.events, "event")}`;
  try {
    await recomputeUserPnl({ ...options, trigger: "import" });
    return { ok: true, found: true, message: `Removed ${removed}, and recomputed P&L.` };
  } catch (error) {
    return {
      ok: false,
      found: true,
      message: `Removed ${removed}, but recomputing P&L failed: ${userMessageOf(error, "import removal")}`,
    };
  }
}
