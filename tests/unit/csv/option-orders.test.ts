import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { importRobinhoodCsv, newYorkDate } from "@/lib/robinhood/csv";
import { fixture } from "./support";

describe("robin_stocks option-orders export", () => {
  const imported = importRobinhoodCsv(fixture("option-orders.csv"));

  it("is recognised by its header; unfilled legs are listed, not dropped", () => {
    expect(imported.format).toBe("option-orders");
    expect(imported.errors).toEqual([]);
    expect(imported.unused).toMatchObject([{ row: 5, code: "unfilled" }]);
    expect(imported.executions).toHaveLength(6);
  });

  it("legs sharing order_created_at form one order; a roll's closing leg is the one meeting the position", () => {
    const roll = imported.executions.filter(
      (execution) => execution.executedAt === "2025-03-05T15:30:00.000000Z",
    );
    expect(roll.map((leg) => [leg.contract.expiration, leg.side, leg.positionEffect, leg.price])).toEqual([
      ["2025-03-07", "buy", "close", "0"],
      ["2025-03-14", "sell", "open", "0.2"],
    ]);
    expect(new Set(roll.map((leg) => leg.orderId)).size).toBe(1);
  });

  it("trade dates are New York dates of order_created_at", () => {
    expect(newYorkDate("2025-03-04T02:30:00.000000Z")).toBe("2025-03-03");
    expect(
      imported.executions
        .filter((execution) => execution.contract.underlying === "SPRD")
        .map((leg) => leg.tradeDate),
    ).toEqual(["2025-03-03", "2025-03-03"]);
  });

  it("a multi-leg order's net price is booked on one leg, with a warning, so totals stay exact", () => {
    const spread = imported.executions.filter((execution) => execution.contract.underlying === "SPRD");
    expect(spread.map((leg) => [leg.contract.strike, leg.side, leg.price])).toEqual([
      ["45", "buy", "0"],
      ["50", "sell", "0.6"],
    ]);
    // The warnings point at the carrying legs: the roll's sell (record 4) and the spread's short put (record 6).
    expect(imported.warnings.map((warning) => warning.row)).toEqual([null, 4, 6]);
  });

  it("the engine finds the one-order roll and books exact P&L", () => {
    const result = computePnl({
      executions: imported.executions,
      events: imported.events,
      marks: {},
      asOf: "2025-03-12",
    });
    expect(result.totals.realized).toBe("55.00");
    const chain = result.chains.find((item) => item.underlying === "ROLL");
    expect(chain).toMatchObject({ status: "closed", netPremium: "55.00" });
    expect(chain?.rolls).toMatchObject([
      { oneOrder: true, label: "out", netCash: "20.00", cashKind: "credit" },
    ]);
    expect(
      result.openPositions.map((position) => [position.strike, position.quantity, position.averagePrice]),
    ).toEqual([
      ["45", "2", "0.00"],
      ["50", "-2", "0.60"],
    ]);
  });
});
