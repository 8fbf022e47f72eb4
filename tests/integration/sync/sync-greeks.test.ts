import { describe, expect, it } from "vitest";
import { canonicalDecimal } from "@/lib/money";
import { syncUser } from "@/lib/server/sync/sync-user";
import { DEMO_USERNAME, simulatedOptionGreeks } from "@/simulator";
import { isoFromDay } from "@/simulator/market/calendar";
import { expectedCounts, SIM_NOW, setUpSyncTestbed, signInDemo, TODAY } from "./sync-test-support";

const bed = setUpSyncTestbed();

type StoredGreeks = {
  robinhood_id: string;
  delta: string | null;
  gamma: string | null;
  theta: string | null;
  vega: string | null;
  rho: string | null;
  implied_volatility: string | null;
};

async function storedGreeks(): Promise<StoredGreeks[]> {
  const { rows } = await bed.owner.query<StoredGreeks>(
    `SELECT i.robinhood_id::text, trim_scale(m.delta)::text AS delta, trim_scale(m.gamma)::text AS gamma,
            trim_scale(m.theta)::text AS theta, trim_scale(m.vega)::text AS vega, trim_scale(m.rho)::text AS rho,
            trim_scale(m.implied_volatility)::text AS implied_volatility
     FROM option_marks m JOIN option_instruments i ON i.id = m.instrument_id ORDER BY i.robinhood_id`,
  );
  return rows;
}

/** The simulator's Greeks of a contract as PostgreSQL prints them back (trailing zeros trimmed). */
function served(contractId: string) {
  const greeks = simulatedOptionGreeks(bed.simulator.controls.history(DEMO_USERNAME), contractId);
  if (!greeks) throw new Error(`the simulator has no contract ${contractId}`);
  return {
    delta: canonicalDecimal(greeks.delta),
    gamma: canonicalDecimal(greeks.gamma),
    theta: canonicalDecimal(greeks.theta),
    vega: canonicalDecimal(greeks.vega),
    rho: canonicalDecimal(greeks.rho),
    implied_volatility: canonicalDecimal(greeks.implied_volatility),
  };
}

describe("syncUser keeps the Greeks of market data and quotes every live underlying", () => {
  it("stores each live contract's delta, gamma, theta, vega, rho and implied volatility exactly as served", async () => {
    const { session, robinhoodUserId } = await signInDemo(bed.simulator);
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });

    const rows = await storedGreeks();
    expect(rows.length).toBe(expectedCounts(bed.simulator.controls.history(DEMO_USERNAME)).liveInstruments);
    for (const row of rows) {
      const { robinhood_id, ...greeks } = row;
      expect(greeks, robinhood_id).toEqual(served(robinhood_id));
    }
    // Real Greeks, not zeros: live contracts have time value, so theta and vega are not 0.
    expect(rows.filter((row) => row.theta !== "0" && row.vega !== "0").length).toBeGreaterThan(0);
    expect(rows.every((row) => row.implied_volatility !== null && row.implied_volatility !== "0")).toBe(true);
  });

  it("quotes the underlying of every contract that has not expired, shares held or not", async () => {
    const { session, robinhoodUserId } = await signInDemo(bed.simulator);
    const history = bed.simulator.controls.history(DEMO_USERNAME);
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });

    const live = new Set(
      history.orders
        .flatMap((order) => order.legs.map((leg) => leg.contract))
        .filter((contract) => isoFromDay(contract.expirationDay) >= TODAY)
        .map((contract) => contract.symbol),
    );
    const { rows } = await bed.owner.query<{ symbol: string; price: string }>(
      "SELECT symbol, trim_scale(mark_price)::text AS price FROM stock_marks ORDER BY symbol",
    );
    const quoted = new Map(rows.map((row) => [row.symbol, row.price]));
    expect(live.size).toBeGreaterThan(0);
    for (const symbol of live) {
      const close = history.closeCents(symbol, history.lastDay);
      expect(quoted.get(symbol), symbol).toBe(
        canonicalDecimal(`${Math.trunc(close / 100)}.${String(close % 100).padStart(2, "0")}`),
      );
    }
    // The request asked for the option-only underlyings too, in one batched call.
    const asked = bed.simulator.controls
      .requests({ path: "/marketdata/quotes/" })
      .flatMap((request) => (request.query.symbols ?? "").split(","));
    for (const symbol of live) expect(asked).toContain(symbol);
  });

  it("keeps a Greek market data leaves out as null, and fills it in when a later answer has it", async () => {
    const { session, robinhoodUserId } = await signInDemo(bed.simulator);
    bed.simulator.controls.addFault({
      path: "/marketdata/options/",
      times: null,
      fault: { kind: "omit_field", field: "theta" },
    });
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    const without = await storedGreeks();
    expect(without.length).toBeGreaterThan(0);
    for (const row of without) {
      const { robinhood_id, ...greeks } = row;
      expect(greeks, robinhood_id).toEqual({ ...served(robinhood_id), theta: null });
    }

    // The simulated market stands still, so the next answer has the same `updated_at`: the stored
    // marks are kept and get the Greeks they lacked.
    bed.simulator.controls.clearFaults();
    const again = await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    expect(again.inserted.marks).toBe(0);
    for (const row of await storedGreeks()) {
      const { robinhood_id, ...greeks } = row;
      expect(greeks, robinhood_id).toEqual(served(robinhood_id));
    }
  });
});
