import "server-only";
import { beginUserScope, type ScopedUser } from "@/lib/server/db/begin-user-scope";
import { type PgTransaction, withPgTransaction } from "@/lib/server/db/with-pg-transaction";

export type WithImportTransactionOptions = {
  connectionString: string;
  robinhoodUserId: string;
  timeoutMs: number;
};

/**
 * Runs an import's writes in ONE transaction on a PostgreSQL connection of its own, not through
 * Prisma (see `withPgTransaction`). The transaction starts as every user-scoped one does
 * (`beginUserScope`): the row-level-security context, the per-user lock, then the user's row, never
 * bringing back a deleted account or a demo user the cron removed.
 */
export async function withImportTransaction<T>(
  options: WithImportTransactionOptions,
  work: (tx: PgTransaction, user: ScopedUser) => Promise<T>,
): Promise<T> {
  return withPgTransaction({ ...options, what: "the import's transaction" }, async (tx) => {
    const user = await beginUserScope(tx, { robinhoodUserId: options.robinhoodUserId, purpose: "work" });
    return work(tx, user);
  });
}
