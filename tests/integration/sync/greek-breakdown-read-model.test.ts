import { describe, expect, it } from "vitest";
import { BREAKDOWN_GROUPINGS, GREEK_FIGURE, GREEK_METRICS, groupingFor } from "@/lib/analytics/explain";
import { getGreekBreakdown } from "@/lib/server/queries/get-greek-breakdown";
import { getRisk } from "@/lib/server/queries/get-risk";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";
import { SIM_NOW, setUpSyncTestbed, signInDemo, TODAY } from "./sync-test-support";

const bed = setUpSyncTestbed();

describe("the delta and theta breakdowns after a sync", () => {
  it("add up to the Risk page's portfolio figures in every grouping, with a worked example that checks", async () => {
    const { session, robinhoodUserId } = await signInDemo(bed.simulator);
    await syncUser({ db: bed.db, session, robinhoodUserId, now: SIM_NOW });
    await recomputeUserPnl({ db: bed.db, robinhoodUserId, trigger: "sync", now: SIM_NOW });
    const risk = await getRisk({ db: bed.db, robinhoodUserId, today: TODAY });
    expect(risk.positions.length).toBeGreaterThan(0);

    // Each position carries its chain's strategy label, which the strategy grouping reads.
    const { rows } = await bed.owner.query<{ id: string; strategy: string | null }>(
      `SELECT p.id::text, c.strategy FROM open_positions p LEFT JOIN roll_chains c ON c.id = p.chain_id`,
    );
    const strategyOf = new Map(rows.map((row) => [row.id, row.strategy]));
    for (const position of risk.positions) expect(position.strategy).toBe(strategyOf.get(position.id));

    for (const metric of GREEK_METRICS) {
      const figure = risk.totals[GREEK_FIGURE[metric]];
      for (const requested of BREAKDOWN_GROUPINGS) {
        const grouping = groupingFor(metric, requested);
        const page = await getGreekBreakdown({ db: bed.db, robinhoodUserId, metric, grouping, today: TODAY });
        expect(page.grouping).toBe(grouping);
        expect(page.breakdown.total, `${metric} by ${grouping}`).toBe(figure.total);
        expect(page.breakdown.count).toBe(figure.positions);
        expect(page.breakdown.missing).toBe(figure.missing);
        expect(page.leftOut).toHaveLength(figure.missing);
        expect(page.breakdown.rows.reduce((count, row) => count + row.count, 0)).toBe(figure.positions);
        expect(page.openPositions).toBe(risk.positions.length);
      }
      const page = await getGreekBreakdown({
        db: bed.db,
        robinhoodUserId,
        metric,
        grouping: "underlying",
        today: TODAY,
      });
      expect(page.example?.agrees).toBe(true);
      expect(page.example?.stored).toBe(figure.total);
      expect(page.example?.subject.contract).not.toBeNull();
    }
  });
});
