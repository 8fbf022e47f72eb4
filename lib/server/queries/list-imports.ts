import "server-only";
import type { Import } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";

export type ImportSummary = {
  id: string;
  fileName: string;
  format: "Activity report" | "Option orders";
  importedAt: string;
  rows: number;
  imported: number;
  skipped: number;
};

/** The user's imported files, newest first (at most `limit`), for the imports page. */
export async function listImports(options: {
  robinhoodUserId: string;
  limit?: number;
  db?: Database;
}): Promise<ImportSummary[]> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const rows = await tx.import.findMany({
      where: { userId: user.id, status: "COMPLETED" },
      orderBy: { createdAt: "desc" },
      take: options.limit ?? 50,
    });
    return rows.map(summaryOf);
  });
}

export function summaryOf(row: Import): ImportSummary {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format === "ACTIVITY_REPORT" ? "Activity report" : "Option orders",
    importedAt: row.createdAt.toISOString(),
    rows: row.rowCount,
    imported: row.importedCount,
    skipped: row.skippedCount,
  };
}
