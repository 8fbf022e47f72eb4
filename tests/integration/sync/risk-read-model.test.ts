import { describe, expect, it } from "vitest";
import { canonicalDecimal, sumDecimals } from "@/lib/money";
import { positionRisk } from "@/lib/risk";
import { getRisk } from "@/lib/server/queries/get-risk";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";
import { DEMO_USERNAME, simulatedOptionGreeks } from "@/simulator";
import { SIM_NOW, setUpSyncTestbed, signInDemo, TODAY } from "./sync-test-support";

const bed = setUpSyncTestbed();

describe("the Risk page's read model after a sync", () => {
  it("gives every open position the simulator's Greeks and its underlying's quote, and adds the dollars exactly", async () => {
    const { session, robinhoodUserId } = await signInDemo(bed.simulator);
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    await recomputeUserPnl({ db: bed.db, robinhoodUserId, trigger: "sync", now: SIM_NOW });
    const history = bed.simulator.controls.history(DEMO_USERNAME);

    const page = await getRisk({ db: bed.db, robinhoodUserId, today: TODAY });
    expect(page.positions.length).toBeGreaterThan(0);

    const { rows } = await bed.owner.query<{ id: string; robinhood_id: string }>(
      `SELECT p.id::text, i.robinhood_id::text FROM open_positions p
       JOIN option_instruments i ON i.id = p.instrument_id`,
    );
    const contractOf = new Map(rows.map((row) => [row.id, row.robinhood_id]));
    for (const position of page.positions) {
      expect(position.underlyingPrice, position.contract.underlying).not.toBeNull();
      if (position.risk.daysToExpiration < 0) {
        expect(position.risk.missingGreeks).toBe("expired");
        continue;
      }
      const served = simulatedOptionGreeks(history, contractOf.get(position.id) ?? "");
      expect(served).not.toBeNull();
      expect(position.risk.greeks).toEqual({
        delta: canonicalDecimal(served?.delta ?? ""),
        gamma: canonicalDecimal(served?.gamma ?? ""),
        theta: canonicalDecimal(served?.theta ?? ""),
        vega: canonicalDecimal(served?.vega ?? ""),
        impliedVolatility: canonicalDecimal(served?.implied_volatility ?? ""),
      });
      // The view is lib/risk's verdict on the stored inputs, nothing else.
      expect(position.risk).toEqual(
        positionRisk(
          {
            optionType: position.contract.optionType === "CALL" ? "call" : "put",
            strike: position.contract.strike,
            expiration: position.contract.expiration,
            multiplier: position.contract.multiplier,
            side: position.side,
            quantity: position.quantity,
            greeks: position.risk.greeks,
            underlyingPrice: position.underlyingPrice,
          },
          TODAY,
        ),
      );
      expect(position.quantity.startsWith("-")).toBe(position.side === "SHORT");
    }
    const withGreeks = page.positions.filter((position) => position.risk.greeks !== null);
    expect(withGreeks.length).toBeGreaterThan(0);
    expect(page.totals.thetaPerDay).toEqual({
      total: sumDecimals(withGreeks.map((position) => position.risk.exposure.thetaPerDay ?? "0")),
      positions: withGreeks.length,
      missing: page.positions.length - withGreeks.length,
    });
    expect(page.expiringThisWeek.every((position) => position.contract.expiration <= page.weekEnd)).toBe(
      true,
    );
    expect(page.assignmentRisks.every((position) => position.side === "SHORT")).toBe(true);
  });
});
