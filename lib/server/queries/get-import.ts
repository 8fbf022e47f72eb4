import "server-only";
import type { ImportRowStatus } from "@/lib/generated/prisma/enums";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { type ImportSummary, summaryOf } from "./list-imports";

export const IMPORT_ROWS_PER_PAGE = 200;

export type ImportRowView = {
  rowNumber: number;
  transCode: string | null;
  status: ImportRowStatus;
  reason: string | null;
  /** The row's values by column name, as the file had them. */
  raw: Record<string, string>;
};

export type ImportDetail = {
  import: ImportSummary;
  rows: ImportRowView[];
  page: number;
  pageCount: number;
};

/** One imported file and a page of its stored rows in file order, or null when it is not the user's. */
export async function getImport(options: {
  robinhoodUserId: string;
  importId: string;
  page?: number;
  db?: Database;
}): Promise<ImportDetail | null> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const found = await tx.import.findFirst({ where: { id: options.importId, userId: user.id } });
    if (!found) return null;
    const total = await tx.importRow.count({ where: { importId: found.id } });
    const pageCount = Math.max(1, Math.ceil(total / IMPORT_ROWS_PER_PAGE));
    const page = Math.min(options.page ?? 1, pageCount);
    const rows = await tx.importRow.findMany({
      where: { importId: found.id },
      orderBy: { rowNumber: "asc" },
      skip: (page - 1) * IMPORT_ROWS_PER_PAGE,
      take: IMPORT_ROWS_PER_PAGE,
      select: { rowNumber: true, transCode: true, status: true, reason: true, raw: true },
    });
    return {
      import: summaryOf(found),
      rows: rows.map((row) => ({ ...row, raw: row.raw as Record<string, string> })),
      page,
      pageCount,
    };
  });
}
