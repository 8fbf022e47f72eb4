import { plural } from "@/lib/text/plural";
import type { DeletedImport } from "./delete-import";
import type { ImportOutcome } from "./import-and-recompute";
import type { CsvFileImportResult } from "./import-csv-file";

type Imported = Extract<CsvFileImportResult, { status: "imported" }>;

/** A stock-orders export brings only stock trades: those are news too, and need a recompute. */
export function hasNews(result: Imported): boolean {
  return result.newExecutions + result.newEvents + result.newStockTrades + result.newCorporateActions > 0;
}

/** "8 new fills, 4 new events, 1 stock trade and 1 corporate action" */
export function describeAdded(result: Imported): string {
  const parts = [plural(result.newExecutions, "new fill"), plural(result.newEvents, "new event")];
  if (result.newStockTrades > 0) parts.push(plural(result.newStockTrades, "stock trade"));
  if (result.newCorporateActions > 0) parts.push(plural(result.newCorporateActions, "corporate action"));
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/** "report.csv: 12 fills and 3 events" */
export function describeRemoved(deleted: DeletedImport): string {
  return `${deleted.fileName}: ${plural(deleted.executions, "fill")} and ${plural(deleted.events, "event")}`;
}

/** What the import form says about an import that ran (failures are AppErrors, said by the form). */
export function describeImport(outcome: ImportOutcome): { ok: boolean; message: string } {
  const { result } = outcome;
  switch (result.status) {
    case "rejected":
    case "refused":
      return { ok: false, message: result.message };
    case "already-imported":
      return {
        ok: true,
        message: `This file was already imported on ${result.importedAt.toISOString().slice(0, 10)}; nothing new was added.`,
      };
    case "imported":
      if (outcome.recomputedChains === null) {
        return {
          ok: true,
          message: `Imported ${plural(result.rows, "row")}: every fill and event was already known.`,
        };
      }
      return {
        ok: true,
        message: `Imported ${plural(result.rows, "row")} (${describeAdded(result)}) and recomputed ${plural(outcome.recomputedChains, "chain")}.`,
      };
  }
}
