import { describe, expect, it } from "vitest";
import { computePnl, type PnlStockTrade } from "@/lib/pnl";
import { fill, input, option } from "./support/builders";

const call = option("F 2024-02-16 13 call");

function stock(
  id: string,
  side: "buy" | "sell",
  quantity: string,
  date: string,
  time: string,
): PnlStockTrade {
  return {
    id,
    accountId: "acct-1",
    symbol: "F",
    side,
    quantity,
    price: "12.00",
    fees: "0",
    executedAt: `${date}T${time}:00.000Z`,
    tradeDate: date,
  };
}

function labelOf(quantity: string, time: string, stockTrades: PnlStockTrade[]): string | undefined {
  const result = computePnl(
    input({
      asOf: "2024-02-02",
      executions: [
        fill({ id: "c", code: "STO", contract: call, quantity, price: "0.30", date: "2024-02-01", time }),
      ],
      stockTrades,
    }),
  );
  return result.chains[0]?.strategy;
}

describe("a short call is labelled covered when the shares bought before it cover it", () => {
  const bought = [stock("b", "buy", "100", "2024-02-01", "14:00")];

  it("covered: 100 shares bought before one call is written", () => {
    expect(labelOf("1", "15:00", bought)).toBe("covered-call");
  });

  it("not covered: the call is written before the shares are bought", () => {
    expect(labelOf("1", "13:00", bought)).toBe("short-call");
  });

  it("not covered: 100 shares do not cover two calls", () => {
    expect(labelOf("2", "15:00", bought)).toBe("short-call");
  });

  it("not covered: the shares were sold again before the call", () => {
    expect(labelOf("1", "15:00", [...bought, stock("s", "sell", "100", "2024-02-01", "14:30")])).toBe(
      "short-call",
    );
  });

  it("covered on the next day by shares bought the day before, in any account only its own", () => {
    const earlier = [stock("b", "buy", "200", "2024-01-31", "20:00")];
    expect(labelOf("2", "09:00", earlier)).toBe("covered-call");
    expect(labelOf("1", "09:00", [{ ...(earlier[0] as PnlStockTrade), accountId: "other" }])).toBe(
      "short-call",
    );
  });
});
