import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("identical partial fills", () => {
  it("four identical fills are four lots, never collapsed into one", () => {
    const call = option("NIO 2023-07-28 11.5 call");
    const same = {
      code: "STO",
      contract: call,
      quantity: "1",
      price: "0.41",
      fees: "0.02",
      date: "2023-07-24",
    } as const;
    const result = computePnl(
      input({
        asOf: "2023-07-31",
        executions: ["f1", "f2", "f3", "f4"].map((id) => fill({ id, ...same })),
        events: [
          lifecycle({ id: "asgn", type: "assignment", contract: call, quantity: "4", date: "2023-07-28" }),
        ],
      }),
    );
    expect(result.matches.map((match) => match.openExecutionId)).toEqual(["f1", "f2", "f3", "f4"]);
    expect(result.totals.realized).toBe("163.92");
    expect(result.stockPositions[0]?.quantity).toBe("-400");
    expect(reconciled(result)).toBe(true);
  });
});
