import { beforeEach, describe, expect, it } from "vitest";
import { getChain } from "@/lib/server/queries/get-chain";
import { getDashboard } from "@/lib/server/queries/get-dashboard";
import { getPositions } from "@/lib/server/queries/get-positions";
import { listChains } from "@/lib/server/queries/list-chains";
import { seedComputedHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-0000000000d2";
const OTHER = "eeeeeeee-0000-4000-8000-0000000000d3";
const NEWCOMER = "eeeeeeee-0000-4000-8000-0000000000d4";
const NOW = new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });
beforeEach(async () => {
  await seedComputedHistory(databases.db, TRADER, { now: NOW });
  await seedComputedHistory(databases.db, OTHER, { now: NOW, accountNumber: "9ZZ00001" });
});

describe("one user's pages never show another user's rows", () => {
  it("totals, series and per-underlying rows count one user's history only", async () => {
    const dashboard = await getDashboard({ db: databases.db, robinhoodUserId: TRADER });
    expect(dashboard.totals.realized).toBe("423.9");
    expect(dashboard.totals.fees).toBe("0.13");
    expect(dashboard.totals.chains).toBe(2);
    expect(dashboard.series.at(-1)?.cumulative).toBe("423.9");
    expect(dashboard.underlyings.map((row) => row.openPositions)).toEqual([0, 1]);
  });

  it("chains and positions are the user's own, and another user's chain is not found", async () => {
    const mine = await listChains({ db: databases.db, robinhoodUserId: TRADER });
    const theirs = await listChains({ db: databases.db, robinhoodUserId: OTHER });
    expect(mine.chains).toHaveLength(2);
    expect(theirs.chains).toHaveLength(2);
    const mineIds = new Set(mine.chains.map((chain) => chain.id));
    expect(theirs.chains.some((chain) => mineIds.has(chain.id))).toBe(false);

    const theirChain = theirs.chains[0]?.id ?? "";
    expect(await getChain({ db: databases.db, robinhoodUserId: TRADER, chainId: theirChain })).toBeNull();
    expect(await getChain({ db: databases.db, robinhoodUserId: OTHER, chainId: theirChain })).not.toBeNull();

    const positions = await getPositions({ db: databases.db, robinhoodUserId: TRADER });
    expect(positions.options).toHaveLength(1);
    expect(mineIds.has(positions.options[0]?.chainId ?? "")).toBe(true);
  });

  it("a user with no history sees empty pages, not anyone else's", async () => {
    const dashboard = await getDashboard({ db: databases.db, robinhoodUserId: NEWCOMER });
    expect(dashboard.totals).toEqual({
      realized: "0",
      unrealized: "0",
      fees: "0",
      openPositions: 0,
      unmarkedPositions: 0,
      stockRealized: "0",
      stockUnrealized: "0",
      stockPositions: 0,
      unmarkedStockPositions: 0,
      chains: 0,
      openChains: 0,
    });
    expect(dashboard.series).toEqual([]);
    expect(dashboard.underlyings).toEqual([]);
    expect(dashboard.lastRecompute).toBeNull();
    expect((await listChains({ db: databases.db, robinhoodUserId: NEWCOMER })).chains).toEqual([]);
    expect(await getPositions({ db: databases.db, robinhoodUserId: NEWCOMER })).toEqual({
      options: [],
      stock: [],
    });
  });
});
