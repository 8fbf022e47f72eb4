import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import type { ReplayGuard } from "./sign-in-ticket";

/**
 * Single use of sign-in tickets across every instance of the app: a ticket's id is inserted into
 * `used_sign_in_tickets`, and the primary key lets exactly one insert of an id succeed. Rows are
 * useless once the ticket would have expired anyway, so each use deletes those first.
 */
export function usedTicketGuard(db: Database): ReplayGuard {
  return {
    async consume(jti, expiresAt, now) {
      await db.usedSignInTicket.deleteMany({ where: { expiresAt: { lte: new Date(now) } } });
      const { count } = await db.usedSignInTicket.createMany({
        data: [{ jti, expiresAt: new Date(expiresAt) }],
        skipDuplicates: true,
      });
      return count === 1;
    },
  };
}
