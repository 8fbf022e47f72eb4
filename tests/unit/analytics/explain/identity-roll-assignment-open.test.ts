import { describe, expect, it } from "vitest";
import {
  explainLotRealized,
  explainPositionUnrealized,
  lotRealized,
  positionUnrealized,
} from "@/lib/analytics/explain";
import { parseDecimal } from "@/lib/money";
import { computePnl, contractKey } from "@/lib/pnl";
import { fill, input, lifecycle, option } from "../../pnl/support/builders";
import { reconcileAsStored } from "./support";

/**
 * A covered-call roll, a put assigned and two positions still open (one marked, one not):
 * - AAPL: sold 2 Oct-16 250 calls @ 1.27 (fees 0.06); rolled on 10/14 in one order, bought back @ 0.35
 *   and sold 2 Nov-20 255 calls @ 1.20 (fees 0.04); the 255s expired on 11/20.
 * - TSLA: sold 1 Nov-06 300 put @ 5.00 (fees 0.04) on 10/20, assigned on 11/06.
 * - SOFI: sold 3 Dec-18 10 puts @ 0.45 (fees 0.06) on 11/10, marked at 0.30; bought 1 Dec-18 12 call
 *   @ 0.20 (fees 0.02) on 11/12, with no mark.
 */
const aapl250 = option("AAPL 2026-10-16 250 call");
const aapl255 = option("AAPL 2026-11-20 255 call");
const tsla300 = option("TSLA 2026-11-06 300 put");
const sofi10 = option("SOFI 2026-12-18 10 put");
const sofi12 = option("SOFI 2026-12-18 12 call");

const executions = [
  fill({
    id: "f1",
    code: "STO",
    contract: aapl250,
    quantity: "2",
    price: "1.27",
    fees: "0.06",
    date: "2026-10-01",
    orderId: "o1",
  }),
  fill({
    id: "f2",
    code: "BTC",
    contract: aapl250,
    quantity: "2",
    price: "0.35",
    date: "2026-10-14",
    orderId: "o2",
  }),
  fill({
    id: "f3",
    code: "STO",
    contract: aapl255,
    quantity: "2",
    price: "1.20",
    fees: "0.04",
    date: "2026-10-14",
    orderId: "o2",
  }),
  fill({
    id: "f4",
    code: "STO",
    contract: tsla300,
    quantity: "1",
    price: "5.00",
    fees: "0.04",
    date: "2026-10-20",
    orderId: "o3",
  }),
  fill({
    id: "f5",
    code: "STO",
    contract: sofi10,
    quantity: "3",
    price: "0.45",
    fees: "0.06",
    date: "2026-11-10",
    orderId: "o4",
  }),
  fill({
    id: "f6",
    code: "BTO",
    contract: sofi12,
    quantity: "1",
    price: "0.20",
    fees: "0.02",
    date: "2026-11-12",
    orderId: "o5",
  }),
];
const result = computePnl(
  input({
    asOf: "2026-11-26",
    executions,
    events: [
      lifecycle({ id: "e1", type: "expiration", contract: aapl255, quantity: "2", date: "2026-11-20" }),
      lifecycle({ id: "e2", type: "assignment", contract: tsla300, quantity: "1", date: "2026-11-06" }),
    ],
    marks: { [contractKey(sofi10)]: "0.30" },
  }),
);

describe("the identity on a history with a roll, an assignment and open positions", () => {
  it("holds exactly on the stored figures, computed from the fills by their own rule", () => {
    const identity = reconcileAsStored(result, executions);
    expect(identity).toEqual({
      // AAPL (1.27 − 0.35) × 200 − 0.06 = 183.94; 1.20 × 200 − 0.04 = 239.96; TSLA 500 − 0.04 = 499.96.
      realized: "923.86",
      // SOFI puts: −0.30 × 3 × 100 + (135 − 0.06) = 44.94.
      unrealized: "44.94",
      // 254 − 0.06 − 70 + 240 − 0.04 + 500 − 0.04 + 135 − 0.06 − 20 − 0.02 = 1038.78
      cashFlows: "1038.78",
      marketValue: "-90.00",
      // The unmarked SOFI call: 20 paid and 0.02 of fees.
      unmarkedOpenCash: "-20.02",
      left: "968.80",
      right: "968.80",
      difference: "0.00",
      holds: true,
    });
    // The same terms the engine reconciles in memory.
    expect(result.reconciliation.options).toMatchObject({
      holds: true,
      cashFlow: "1038.78",
      realized: "923.86",
    });
  });

  it("each lot's realized P&L is its formula with the lot's own numbers", () => {
    expect(result.matches).toHaveLength(3);
    for (const match of result.matches) {
      const multiplier = parseDecimal("100");
      const numbers = {
        side: match.direction,
        quantity: parseDecimal(match.quantity),
        openPrice: parseDecimal(match.openPrice),
        closePrice: parseDecimal(match.closePrice),
        multiplier,
        fees: parseDecimal(match.openFees) + parseDecimal(match.closeFees),
      };
      expect(lotRealized(numbers)).toBe(parseDecimal(match.realized));
    }
  });

  it("the assigned put's worked example closes it at 0 and keeps the premium", () => {
    const assigned = result.matches.find((match) => match.closeKind === "assignment");
    expect(assigned).toBeDefined();
    const example = explainLotRealized(
      {
        side: "short",
        quantity: parseDecimal("1"),
        openPrice: parseDecimal("5"),
        closePrice: parseDecimal("0"),
        multiplier: parseDecimal("100"),
        fees: parseDecimal("0.04"),
      },
      parseDecimal(assigned?.realized ?? "0"),
    );
    expect(example.steps.map((step) => [step.arithmetic, step.value])).toEqual([
      ["5.00 − 0.00", "$5.0000"],
      ["5.00 × 1 × 100", "$500.00"],
      ["$500.00 − $0.04", "+$499.96"],
    ]);
    expect(example).toMatchObject({ result: "499.96", stored: "499.96", agrees: true });
  });

  it("the open position's unrealized P&L is market value plus open cash", () => {
    const marked = result.openPositions.find((position) => position.marketValue !== null);
    const numbers = {
      quantity: parseDecimal(marked?.quantity ?? "0"),
      mark: parseDecimal(marked?.mark ?? "0"),
      multiplier: parseDecimal("100"),
      openCash: parseDecimal(marked?.openCash ?? "0"),
    };
    expect(positionUnrealized(numbers)).toBe(parseDecimal(marked?.unrealized ?? "x"));
    const example = explainPositionUnrealized(numbers, parseDecimal(marked?.unrealized ?? "0"));
    expect(example.steps.map((step) => [step.arithmetic, step.value])).toEqual([
      ["0.30 × -3 × 100", "-$90.00"],
      ["-$90.00 + $134.94", "+$44.94"],
    ]);
    expect(example.agrees).toBe(true);
  });
});
