import { beforeEach, describe, expect, it } from "vitest";
import { dateColumn } from "@/lib/dates/trading-date";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { getChain } from "@/lib/server/queries/get-chain";
import { getPositions } from "@/lib/server/queries/get-positions";
import { listChains } from "@/lib/server/queries/list-chains";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { seedOptionsHistory } from "@/tests/support/seed-options-history";
import { setUpTestDatabases } from "@/tests/support/test-database";

const TRADER = "eeeeeeee-0000-4000-8000-0000000000f7";
const NOW = new Date("2026-11-26T15:00:00Z");

const databases = setUpTestDatabases({ emptyBeforeEach: true });

/**
 * Adds a synced two-leg order to the seeded history: a NVDA bull put spread (sell 2 Dec-18 120P
 * @ 3.00, buy 2 Dec-18 115P @ 1.40) opened on 11/25, which Robinhood names "short_put_spread".
 */
async function seedPutSpread() {
  const { db } = databases;
  const instrument = async (strike: string) => {
    const terms = {
      underlying: "NVDA",
      expirationDate: dateColumn("2026-12-18"),
      strikePrice: strike,
      optionType: "PUT" as const,
      multiplier: "100",
    };
    return (
      await db.optionInstrument.upsert({
        where: { underlying_expirationDate_strikePrice_optionType_multiplier: terms },
        create: terms,
        update: {},
      })
    ).id;
  };
  const short = await instrument("120");
  const long = await instrument("115");
  await withUserTransaction({ db, robinhoodUserId: TRADER, purpose: "sign-in" }, async (tx, user) => {
    const account = await tx.brokerAccount.findFirstOrThrow({ where: { userId: user.id } });
    const at = new Date("2026-11-25T15:00:00Z");
    const order = await tx.optionOrder.create({
      data: {
        userId: user.id,
        accountId: account.id,
        brokerOrderId: "ord-spread",
        source: "API",
        state: "filled",
        chainSymbol: "NVDA",
        direction: "credit",
        quantity: "2",
        processedQuantity: "2",
        openingStrategy: "short_put_spread",
        brokerCreatedAt: at,
        brokerUpdatedAt: at,
      },
    });
    for (const [id, instrumentId, side, price] of [
      ["sp-short", short, "SELL", "3.00"],
      ["sp-long", long, "BUY", "1.40"],
    ] as const) {
      const leg = await tx.optionLeg.create({
        data: {
          userId: user.id,
          orderId: order.id,
          brokerLegId: `${id}-leg`,
          instrumentId,
          side,
          positionEffect: "OPEN",
        },
      });
      await tx.optionExecution.create({
        data: {
          userId: user.id,
          legId: leg.id,
          brokerExecutionId: id,
          price,
          quantity: "2",
          fees: "0",
          executedAt: at,
          tradeDate: dateColumn("2026-11-25"),
        },
      });
    }
    await markInputsChanged(tx, user, { full: true });
  });
}

beforeEach(async () => {
  await seedOptionsHistory(databases.db, TRADER);
  await seedPutSpread();
  await recomputeUserPnl({ db: databases.db, robinhoodUserId: TRADER, trigger: "manual", now: NOW });
});

describe("recompute and strategies", () => {
  it("stores one chain per strategy with its label and the broker's opening strategy", async () => {
    const { rows } = await databases.owner.query(
      "SELECT underlying, strategy, opening_strategy, leg_outs, net_premium::text FROM roll_chains ORDER BY underlying",
    );
    expect(rows).toEqual([
      {
        underlying: "AAPL",
        strategy: "short-call",
        opening_strategy: null,
        leg_outs: [],
        net_premium: "423.90000000",
      },
      {
        underlying: "NVDA",
        strategy: "bull-put-spread",
        opening_strategy: "short_put_spread",
        leg_outs: [],
        // 600.00 − 280.00: both legs in one chain.
        net_premium: "320.00000000",
      },
      {
        underlying: "TSLA",
        strategy: "cash-secured-put",
        opening_strategy: null,
        leg_outs: [],
        net_premium: "499.97000000",
      },
    ]);
  });

  it("lists chains by strategy, shows the label on the chain page and on its positions", async () => {
    const all = await listChains({ db: databases.db, robinhoodUserId: TRADER });
    expect(all.strategies).toEqual(["short-call", "cash-secured-put", "bull-put-spread"]);
    const spreads = await listChains({
      db: databases.db,
      robinhoodUserId: TRADER,
      filters: { strategy: "bull-put-spread" },
    });
    expect(spreads.chains.map((chain) => [chain.underlying, chain.strategy])).toEqual([
      ["NVDA", "bull-put-spread"],
    ]);
    expect(spreads).toMatchObject({ matching: 1, total: 3 });

    const detail = await getChain({
      db: databases.db,
      robinhoodUserId: TRADER,
      chainId: spreads.chains[0]?.id as string,
    });
    expect(detail?.chain).toMatchObject({ strategy: "bull-put-spread", openingStrategy: "short_put_spread" });
    expect(detail?.openPositions.map((position) => [position.contract.strike, position.strategy])).toEqual(
      expect.arrayContaining([
        ["115", "bull-put-spread"],
        ["120", "bull-put-spread"],
      ]),
    );
    const positions = await getPositions({ db: databases.db, robinhoodUserId: TRADER });
    expect(positions.options.map((position) => position.strategy).sort()).toEqual([
      "bull-put-spread",
      "bull-put-spread",
      "cash-secured-put",
    ]);
  });
});
