import { describe, expect, it } from "vitest";
import { parseDecimal } from "@/lib/money";
import { dayNumber } from "@/lib/pnl/dates";
import type { StrategyLabel } from "@/lib/pnl/result-types";
import { classifyStrategy, type LegShape, STRATEGY_NAMES } from "@/lib/pnl/strategies/strategy-rules";

/** "short 2 put 100 2024-03-15" */
function leg(spec: string): LegShape {
  const [direction, quantity, optionType, strike, expiration] = spec.split(" ") as [
    "long" | "short",
    string,
    "call" | "put",
    string,
    string,
  ];
  return {
    direction,
    optionType,
    quantity: parseDecimal(quantity),
    strike: parseDecimal(strike),
    expirationDay: dayNumber(expiration),
  };
}

const NEAR = "2024-03-15";
const FAR = "2024-04-19";
const cases: [StrategyLabel, string[]][] = [
  ["long-call", [`long 1 call 100 ${NEAR}`]],
  ["short-call", [`short 1 call 100 ${NEAR}`]],
  ["long-put", [`long 3 put 100 ${NEAR}`]],
  ["cash-secured-put", [`short 1 put 100 ${NEAR}`]],
  ["bull-call-spread", [`long 2 call 100 ${NEAR}`, `short 2 call 105 ${NEAR}`]],
  ["bear-call-spread", [`short 2 call 100 ${NEAR}`, `long 2 call 105 ${NEAR}`]],
  ["bull-put-spread", [`long 2 put 95 ${NEAR}`, `short 2 put 100 ${NEAR}`]],
  ["bear-put-spread", [`short 2 put 95 ${NEAR}`, `long 2 put 100 ${NEAR}`]],
  ["long-straddle", [`long 1 put 100 ${NEAR}`, `long 1 call 100 ${NEAR}`]],
  ["short-straddle", [`short 1 put 100 ${NEAR}`, `short 1 call 100 ${NEAR}`]],
  ["long-strangle", [`long 1 put 95 ${NEAR}`, `long 1 call 105 ${NEAR}`]],
  ["short-strangle", [`short 1 put 95 ${NEAR}`, `short 1 call 105 ${NEAR}`]],
  [
    "iron-condor",
    [
      `long 1 put 90 ${NEAR}`,
      `short 1 put 95 ${NEAR}`,
      `short 1 call 105 ${NEAR}`,
      `long 1 call 110 ${NEAR}`,
    ],
  ],
  [
    "iron-condor",
    [
      `short 1 put 90 ${NEAR}`,
      `long 1 put 95 ${NEAR}`,
      `long 1 call 105 ${NEAR}`,
      `short 1 call 110 ${NEAR}`,
    ],
  ],
  [
    "iron-butterfly",
    [
      `long 1 put 90 ${NEAR}`,
      `short 1 put 100 ${NEAR}`,
      `short 1 call 100 ${NEAR}`,
      `long 1 call 110 ${NEAR}`,
    ],
  ],
  ["butterfly", [`long 1 call 95 ${NEAR}`, `short 2 call 100 ${NEAR}`, `long 1 call 105 ${NEAR}`]],
  ["butterfly", [`short 2 put 95 ${NEAR}`, `long 4 put 100 ${NEAR}`, `short 2 put 110 ${NEAR}`]],
  ["calendar", [`short 1 call 100 ${NEAR}`, `long 1 call 100 ${FAR}`]],
  ["diagonal", [`short 1 put 100 ${NEAR}`, `long 1 put 95 ${FAR}`]],
  ["ratio", [`long 1 call 100 ${NEAR}`, `short 2 call 105 ${NEAR}`]],
  ["custom", [`short 1 call 100 ${NEAR}`, `short 1 call 105 ${NEAR}`]],
  ["custom", [`long 1 put 95 ${NEAR}`, `short 1 call 105 ${NEAR}`]],
  ["custom", [`long 1 put 95 ${NEAR}`, `long 2 call 105 ${NEAR}`]],
  ["custom", [`long 1 call 95 ${NEAR}`, `short 1 call 100 ${NEAR}`, `long 1 call 105 ${NEAR}`]],
  [
    "custom",
    [
      `long 1 put 90 ${NEAR}`,
      `short 1 put 105 ${NEAR}`,
      `short 1 call 100 ${NEAR}`,
      `long 1 call 110 ${NEAR}`,
    ],
  ],
];

describe("strategy rule tables", () => {
  it.each(cases)("names %s from its legs", (label, legs) => {
    expect(classifyStrategy(legs.map(leg), () => false)).toBe(label);
    // Leg order never matters.
    expect(classifyStrategy([...legs].reverse().map(leg), () => false)).toBe(label);
  });

  it("calls a lone short call covered only when the shares cover it", () => {
    expect(classifyStrategy([leg(`short 1 call 100 ${NEAR}`)], () => true)).toBe("covered-call");
    expect(classifyStrategy([leg(`short 1 call 100 ${NEAR}`)], () => false)).toBe("short-call");
    // The share check is asked only for a lone short call.
    expect(classifyStrategy([leg(`short 1 put 100 ${NEAR}`)], () => true)).toBe("cash-secured-put");
  });

  it("has a display name for every label", () => {
    for (const [label] of cases) expect(STRATEGY_NAMES[label]).toMatch(/\w/);
  });
});
