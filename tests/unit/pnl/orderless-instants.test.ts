import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { fill, input, option } from "./support/builders";

const lowPut = option("AMD 2024-06-21 150 put");
const highPut = option("AMD 2024-06-21 160 put");
const call = option("AMD 2024-06-21 180 call");

// Fills without an order id (an activity report with times): those of one account and underlying
// at one instant are one position, whatever order the input lists them in.
describe("order-less opens of one day at two instants", () => {
  const result = computePnl(
    input({
      asOf: "2024-06-03",
      executions: [
        fill({
          id: "c",
          code: "STO",
          contract: call,
          quantity: "1",
          price: "2.00",
          date: "2024-06-03",
          time: "14:30",
        }),
        fill({
          id: "a",
          code: "STO",
          contract: highPut,
          quantity: "1",
          price: "4.00",
          date: "2024-06-03",
          time: "10:00",
        }),
        fill({
          id: "b",
          code: "BTO",
          contract: lowPut,
          quantity: "1",
          price: "1.50",
          date: "2024-06-03",
          time: "10:00",
        }),
      ],
    }),
  );

  it("are a put spread opened at 10:00 and a short call opened at 14:30", () => {
    expect(
      result.strategies.map((position) => [position.label, position.openedOn, position.openingCash]),
    ).toEqual([
      ["bull-put-spread", "2024-06-03", "250.00"],
      ["short-call", "2024-06-03", "200.00"],
    ]);
    expect(result.chains).toHaveLength(2);
  });
});
