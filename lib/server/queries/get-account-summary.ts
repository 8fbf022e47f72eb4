import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { AccountDeletedError } from "@/lib/server/db/with-user-transaction";

export type AccountSummary = {
  username: string | null;
  displayName: string | null;
  isDemo: boolean;
  /** When the cron deletes this demo account; null for a Robinhood account. */
  demoExpiresAt: Date | null;
};

export type GetAccountSummaryOptions = { robinhoodUserId: string; db?: Database };

/** Who is signed in, for the page header. */
export async function getAccountSummary(options: GetAccountSummaryOptions): Promise<AccountSummary> {
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const row = await tx.user.findUnique({
      where: { id: user.id },
      select: {
        username: true,
        displayName: true,
        isDemo: true,
        demoAccount: { select: { expiresAt: true } },
      },
    });
    // Deleted since the session was checked (another tab, another device): pages send the visitor
    // to the sign-in page (readForPage) instead of failing.
    if (!row) throw new AccountDeletedError();
    const { demoAccount, ...summary } = row;
    return { ...summary, demoExpiresAt: demoAccount?.expiresAt ?? null };
  });
}
