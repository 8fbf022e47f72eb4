import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { importRobinhoodCsv, newYorkDate } from "@/lib/robinhood/csv";
import { splitNetPrice } from "@/lib/robinhood/csv/orders/split-net-price";
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

  it("a multi-leg order's net price is split by the documented rule (one sell here), so totals stay exact", () => {
    const spread = imported.executions.filter((execution) => execution.contract.underlying === "SPRD");
    expect(spread.map((leg) => [leg.contract.strike, leg.side, leg.price])).toEqual([
      ["45", "buy", "0"],
      ["50", "sell", "0.6"],
    ]);
    // One note for the file says how per-leg prices were derived, instead of one warning per order.
    expect(imported.warnings.map((warning) => [warning.row, warning.message.slice(0, 24)])).toEqual([
      [null, "2 multi-leg order(s): th"],
      [null, "this export has no fees "],
    ]);
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

describe("splitting a multi-leg order's net price across its legs", () => {
  const leg = (side: "buy" | "sell", quantity = "1") => ({ side, quantity });

  it("a credit vertical books the net on its sell, a debit vertical on its buy", () => {
    expect(splitNetPrice([leg("buy"), leg("sell")], "0.6", "credit")).toEqual({
      prices: ["0", "0.6"],
      even: true,
    });
    expect(splitNetPrice([leg("buy"), leg("sell")], "1.25", "debit")).toEqual({
      prices: ["1.25", "0"],
      even: true,
    });
  });

  it("an iron condor for a credit splits the net evenly between its two short legs", () => {
    expect(
      splitNetPrice([leg("buy"), leg("sell"), leg("sell"), leg("buy")], "0.61", "credit").prices,
    ).toEqual(["0", "0.305", "0.305", "0"]);
  });

  it("a split that is not whole micros leaves the remainder on the first sharing leg, adding up exactly", () => {
    const { prices } = splitNetPrice([leg("sell", "2"), leg("sell", "2"), leg("sell", "2")], "1", "credit");
    expect(prices).toEqual(["0.333334", "0.333333", "0.333333"]);
  });

  it("sharing legs of different quantities put the whole net on the first of them, and say so", () => {
    expect(splitNetPrice([leg("sell", "1"), leg("sell", "2")], "0.5", "credit")).toEqual({
      prices: ["0.5", "0"],
      even: false,
    });
  });
});
