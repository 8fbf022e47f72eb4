import "server-only";
import type { ChainStatus } from "@/lib/generated/prisma/client";
import { STRATEGY_LABELS, type StrategyLabel } from "@/lib/pnl";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { type ChainRow, chainRow } from "./chain-row";

export type ChainFilters = { underlying?: string; status?: ChainStatus; strategy?: StrategyLabel };

export const CHAINS_PAGE_SIZE = 50;

/** Columns the chains list sorts by, in SQL (the list is paged, so sorting happens before the page). */
export const CHAIN_SORTS = [
  "opened",
  "closed",
  "underlying",
  "days",
  "rolls",
  "net-premium",
  "realized",
] as const;
export type ChainSort = { column: (typeof CHAIN_SORTS)[number]; descending: boolean };

const SORT_FIELD = {
  opened: "openedAt",
  closed: "closedAt",
  underlying: "underlying",
  days: "daysHeld",
  rolls: "rollCount",
  "net-premium": "netPremium",
  realized: "realizedPnl",
} as const;

export type ChainList = {
  /** One page of the chains that match the filters. */
  chains: ChainRow[];
  /** Every underlying the user has chains on, for the filter. */
  underlyings: string[];
  /** Every strategy label the user's chains have, for the filter. */
  strategies: StrategyLabel[];
  /** All the user's chains, filters aside. */
  total: number;
  /** Chains that match the filters. */
  matching: number;
  page: number;
  pageCount: number;
};

export type ListChainsOptions = {
  robinhoodUserId: string;
  filters?: ChainFilters;
  /** 1-based; a page past the end gives the last page. */
  page?: number;
  pageSize?: number;
  /** Newest first when not given. */
  sort?: ChainSort;
  db?: Database;
};

/** The user's roll chains, newest first, optionally of one underlying, status and strategy, a page at a time. */
export async function listChains(options: ListChainsOptions): Promise<ChainList> {
  const filters = options.filters ?? {};
  const pageSize = options.pageSize ?? CHAINS_PAGE_SIZE;
  return readAsUser({ robinhoodUserId: options.robinhoodUserId, db: options.db }, async (tx, user) => {
    const where = {
      userId: user.id,
      underlying: filters.underlying,
      status: filters.status,
      strategy: filters.strategy,
    };
    const matching = await tx.rollChain.count({ where });
    const pageCount = Math.max(1, Math.ceil(matching / pageSize));
    const page = Math.min(Math.max(1, Math.floor(options.page ?? 1)), pageCount);
    const rows = await tx.rollChain.findMany({
      where,
      orderBy: options.sort
        ? [
            // Only the close date can be missing (open chains): those go last either way.
            options.sort.column === "closed"
              ? { closedAt: { sort: options.sort.descending ? "desc" : "asc", nulls: "last" } }
              : { [SORT_FIELD[options.sort.column]]: options.sort.descending ? "desc" : "asc" },
            { openedAt: "desc" },
            { id: "asc" },
          ]
        : [{ openedAt: "desc" }, { underlying: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
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
    const strategies = await tx.rollChain.findMany({
      where: { userId: user.id, strategy: { not: null } },
      select: { strategy: true },
      distinct: ["strategy"],
    });
    const total = await tx.rollChain.count({ where: { userId: user.id } });
    return {
      chains: rows.map((row) => chainRow(row, inferredIds.has(row.id))),
      underlyings: underlyings.map((row) => row.underlying),
      // In the rule tables' order (simple legs first), not alphabetically.
      strategies: STRATEGY_LABELS.filter((label) => strategies.some((row) => row.strategy === label)),
      total,
      matching,
      page,
      pageCount,
    };
  });
}
