import "server-only";
import type { ChainStatus } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { type ChainRow, chainRow } from "./chain-row";

export type ChainFilters = { underlying?: string; status?: ChainStatus };

export type ChainList = { chains: ChainRow[]; underlyings: string[]; total: number };

export type ListChainsOptions = { robinhoodUserId: string; filters?: ChainFilters; db?: Database };

/** The user's roll chains, newest first, optionally of one underlying and status. */
export async function listChains(options: ListChainsOptions): Promise<ChainList> {
  const filters = options.filters ?? {};
  return withUserTransaction(
    { robinhoodUserId: options.robinhoodUserId, purpose: "work", db: options.db },
    async (tx, user) => {
      const rows = await tx.rollChain.findMany({
        where: { userId: user.id, underlying: filters.underlying, status: filters.status },
        orderBy: [{ openedAt: "desc" }, { underlying: "asc" }, { id: "asc" }],
      });
      const inferred = await tx.matchedLot.findMany({
        where: {
          userId: user.id,
          closeKind: "EXPIRATION_INFERRED",
          chainId: { in: rows.map((row) => row.id) },
        },
        select: { chainId: true },
        distinct: ["chainId"],
      });
      const inferredIds = new Set(inferred.map((lot) => lot.chainId));
      const underlyings = await tx.rollChain.findMany({
        where: { userId: user.id },
        select: { underlying: true },
        distinct: ["underlying"],
        orderBy: { underlying: "asc" },
      });
      const total = await tx.rollChain.count({ where: { userId: user.id } });
      return {
        chains: rows.map((row) => chainRow(row, inferredIds.has(row.id))),
        underlyings: underlyings.map((row) => row.underlying),
        total,
      };
    },
  );
}
