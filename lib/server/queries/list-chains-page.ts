import "server-only";
import { cachedUserRead } from "@/lib/server/cache/cached-user-read";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { type ChainContract, chainCurrentContracts } from "./chain-current-contracts";
import type { ChainRow } from "./chain-row";
import { type ChainList, type ListChainsOptions, listChains } from "./list-chains";

export type ChainListRow = ChainRow & { contracts: ChainContract[] };
export type ChainListPage = Omit<ChainList, "chains"> & { chains: ChainListRow[] };

export type ListChainsPageOptions = ListChainsOptions & { today: string; db?: Database };

/**
 * The Chains page: a page of chains (filtered, sorted and paged in SQL), each with the contract it
 * holds now or held last. Cached per user and data version (lib/server/cache).
 */
export async function listChainsPage(options: ListChainsPageOptions): Promise<ChainListPage> {
  const { robinhoodUserId, db, filters, page, pageSize, sort, today } = options;
  const key = ["chains", today, filters ?? {}, sort ?? null, page ?? 1, pageSize ?? null];
  return cachedUserRead({ robinhoodUserId, db, key }, () => readChainsPage(options));
}

async function readChainsPage(options: ListChainsPageOptions): Promise<ChainListPage> {
  const list = await listChains(options);
  const contracts = await readAsUser(options, (tx, user) =>
    chainCurrentContracts(tx, {
      userId: user.id,
      chainIds: list.chains.map((chain) => chain.id),
      today: options.today,
    }),
  );
  return {
    ...list,
    chains: list.chains.map((chain) => ({ ...chain, contracts: contracts.get(chain.id) ?? [] })),
  };
}
