import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";

export type AccountSummary = { username: string | null; displayName: string | null; isDemo: boolean };

export type GetAccountSummaryOptions = { robinhoodUserId: string; db?: Database };

/** Who is signed in, for the page header. */
export async function getAccountSummary(options: GetAccountSummaryOptions): Promise<AccountSummary> {
  return withUserTransaction(
    { robinhoodUserId: options.robinhoodUserId, purpose: "work", db: options.db },
    async (tx, user) => {
      const row = await tx.user.findUniqueOrThrow({
        where: { id: user.id },
        select: { username: true, displayName: true, isDemo: true },
      });
      return row;
    },
  );
}
