import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, lifecycle, option, reconciled } from "./support/builders";

describe("long put expires (the 1S row)", () => {
  it("a long put that expires worthless realizes the whole premium paid as a loss", () => {
    const put = option("SNAP 2022-02-18 33 put");
    const result = computePnl(
      input({
        asOf: "2022-02-28",
        executions: [
          fill({ id: "bto", code: "BTO", contract: put, quantity: "1", price: "1.37", date: "2022-02-10" }),
        ],
        // Robinhood's `1S` marks the expiration of a long position.
        events: [
          lifecycle({
            id: "oexp",
            type: "expiration",
            contract: put,
            quantity: "1",
            date: "2022-02-18",
            direction: "long",
          }),
        ],
      }),
    );
    expect(result.totals.realized).toBe("-137.00");
    expect(result.matches[0]).toMatchObject({
      direction: "long",
      closeKind: "expiration",
      realized: "-137.00",
    });
    expect(result.chains[0]).toMatchObject({ side: "long", status: "expired", netPremium: "-137.00" });
    expect(result.issues).toEqual([]);
    expect(reconciled(result)).toBe(true);
  });

  it("an expiration naming the long side does not close a short position in the same contract", () => {
    const put = option("SNAP 2022-02-18 33 put");
    const result = computePnl(
      input({
        asOf: "2022-02-18",
        executions: [
          fill({ id: "sto", code: "STO", contract: put, quantity: "1", price: "1.00", date: "2022-02-10" }),
        ],
        events: [
          lifecycle({
            id: "oexp",
            type: "expiration",
            contract: put,
            quantity: "1",
            date: "2022-02-18",
            direction: "long",
          }),
        ],
      }),
    );
    expect(result.issues.map((issue) => issue.code)).toEqual(["event-without-position", "missing-mark"]);
    expect(result.openPositions[0]?.quantity).toBe("-1");
  });
});
