import "server-only";
import { plural, userMessageOf } from "@/lib/server/action-messages";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { type CsvFileImportResult, importCsvFile } from "./import-csv-file";

export type ImportOutcome = {
  ok: boolean;
  message: string;
  result: CsvFileImportResult | null;
};

/** "Import a file": store its rows, then recompute P&L when it brought anything new. */
export async function importAndRecompute(options: {
  robinhoodUserId: string;
  fileName: string;
  text: string;
  db?: Database;
}): Promise<ImportOutcome> {
  let result: CsvFileImportResult;
  try {
    result = await importCsvFile(options);
  } catch (error) {
    return { ok: false, message: `Import failed: ${userMessageOf(error, "import")}`, result: null };
  }
  if (result.status === "rejected") return { ok: false, message: result.message, result };
  if (result.status === "already-imported") {
    return {
      ok: true,
      message: `This file was already imported on ${result.importedAt.toISOString().slice(0, 10)}; nothing new was added.`,
      result,
    };
  }
  const added = `${plural(result.newExecutions, "new fill")} and ${plural(result.newEvents, "new event")}`;
  if (result.newExecutions + result.newEvents === 0) {
    return {
      ok: true,
      message: `Imported ${plural(result.rows, "row")}: every fill and event was already known.`,
      result,
    };
  }
  try {
    const summary = await recomputeUserPnl({ ...options, trigger: "import" });
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
