import "server-only";
import type { SettledRow } from "@/lib/robinhood/csv";
import { insertRows } from "@/lib/server/db/insert-rows";
import type { SqlRunner } from "@/lib/server/db/sql-runner";
import type { ScopedUser } from "@/lib/server/db/with-user-transaction";

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

/**
 * Stores one row per data row of the file, with its values by column name, what it became and,
 * when unused, why — so nothing in a file is lost silently. `rowHash` is the row's natural key
 * (hash and occurrence), the same when the file is imported again: a row an earlier file already
 * stored is skipped. Returns how many rows were stored.
 */
export async function storeImportRows(
  tx: SqlRunner,
  user: ScopedUser,
  importId: string,
  rows: readonly SettledRow[],
): Promise<number> {
  return insertRows(
    tx,
    "import_rows",
    rows.map((row) => {
      const used = row.use !== "unused" && row.use !== "error";
      return {
        rowNumber: row.row,
        rowHash: row.key,
        transCode: row.values["Trans Code"]?.trim() || null,
        status: used ? ("USED" as const) : ("UNUSED" as const),
        reason: row.reason,
        raw: row.values,
        userId: user.id,
        importId,
      };
    }),
    IMPORT_ROW_COLUMNS,
    { onConflictDoNothing: true },
  );
}
