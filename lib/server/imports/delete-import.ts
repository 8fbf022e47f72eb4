import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";

export type DeletedImport = { fileName: string; executions: number; events: number };

/**
 * Removes an imported file and everything it added: its orders with their legs and fills (by
 * cascade), its equity trades, its events and its stored rows, in one user transaction that queues a recompute. Returns
 * null when the user has no such import. Rows a later file repeated were not stored again by that
 * file, so they go too; importing that file again brings them back.
 */
export async function deleteImport(options: {
  robinhoodUserId: string;
  importId: string;
  db?: Database;
}): Promise<DeletedImport | null> {
  return withUserTransaction(
    { db: options.db, robinhoodUserId: options.robinhoodUserId, purpose: "work" },
    async (tx, user) => {
      const found = await tx.import.findFirst({
        where: { id: options.importId, userId: user.id },
        select: { id: true, fileName: true },
      });
      if (!found) return null;
      const executions = await tx.optionExecution.count({
        where: { userId: user.id, leg: { order: { importId: found.id } } },
      });
      const events = await tx.optionEvent.deleteMany({ where: { userId: user.id, importId: found.id } });
      // The import's equity trades go with it (the foreign key would only unlink them).
      await tx.stockTrade.deleteMany({ where: { userId: user.id, importId: found.id } });
      await tx.optionOrder.deleteMany({ where: { userId: user.id, importId: found.id } });
      await tx.import.delete({ where: { id: found.id } });
      // The removed rows' books are not recorded: the next recompute replays the whole history.
      await markInputsChanged(tx, user, { full: true });
      return { fileName: found.fileName, executions, events: events.count };
    },
  );
}
