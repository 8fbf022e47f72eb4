import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { chainOpeningStrategies } from "@/lib/server/recompute/chain-opening-strategies";
import { fill, input, option } from "../pnl/support/builders";

// A chain's broker `opening_strategy` comes from the first fill of its opening strategy position.

const MARCH = option("OPS 2026-03-20 50 put");

function result() {
  return computePnl(
    input({
      asOf: "2026-07-01",
      executions: [
        fill({ id: "open", code: "STO", contract: MARCH, quantity: "1", price: "2", date: "2026-02-02" }),
        fill({ id: "close", code: "BTC", contract: MARCH, quantity: "1", price: "1", date: "2026-02-05" }),
      ],
    }),
  );
}

describe("chain opening strategies", () => {
  it("name each chain by the broker strategy of the fill that opened it", () => {
    const computed = result();
    const [chain] = computed.chains;
    const strategies = chainOpeningStrategies(computed, new Map([["open", "short_put"]]));
    expect(chain && strategies.get(chain.id)).toBe("short_put");
  });

  it("never build the engine's strategy positions when no fill has a broker strategy", () => {
    const computed = result();
    Object.defineProperty(computed, "strategies", {
      get() {
        throw new Error("strategy positions were built");
      },
    });
    expect(chainOpeningStrategies(computed, new Map())).toEqual(new Map());
  });
});
