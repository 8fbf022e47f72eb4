import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDecimal } from "@/lib/money";
import { computePnl, contractKey, type PnlExecution } from "@/lib/pnl";
import { importRobinhoodCsv } from "@/lib/robinhood/csv";
import { repoRoot } from "./support";

/**
 * Spreads in the real activity report re-saved by a spreadsheet (../shared/robinhood-csv-samples;
 * never committed, so this runs only where that folder exists, like conformance.test.ts). The
 * spreads are found here from the rows themselves, independently of the engine: two opening legs
 * of one underlying, call/put and expiration on one day, one bought and one sold, same quantity,
 * different strikes. Each must be one chain, and a strategy position labelled as a vertical.
 */
const samples = path.resolve(repoRoot, "../shared/robinhood-csv-samples");
const exists = existsSync(path.join(samples, "activity-report-excel-resaved-2023.csv"));
const VERTICALS = ["bull-call-spread", "bear-call-spread", "bull-put-spread", "bear-put-spread"];

interface Opened {
  date: string;
  contractKey: string;
  direction: "long" | "short";
  execution: PnlExecution;
  quantity: number;
}

/** Opening legs summed per day, contract and direction. */
function openedLegs(executions: readonly PnlExecution[]): Opened[] {
  const legs = new Map<string, Opened>();
  for (const execution of executions) {
    if (execution.positionEffect !== "open") continue;
    const direction = execution.side === "buy" ? "long" : "short";
    const key = `${execution.tradeDate}|${contractKey(execution.contract)}|${direction}`;
    const leg = legs.get(key);
    if (leg) leg.quantity += parseDecimal(execution.quantity);
    else
      legs.set(key, {
        date: execution.tradeDate,
        contractKey: contractKey(execution.contract),
        direction,
        execution,
        quantity: parseDecimal(execution.quantity),
      });
  }
  return [...legs.values()];
}

function verticalsIn(legs: readonly Opened[]): [Opened, Opened][] {
  const pairs: [Opened, Opened][] = [];
  for (const short of legs.filter((leg) => leg.direction === "short")) {
    const partners = legs.filter((long) => {
      const a = short.execution.contract;
      const b = long.execution.contract;
      return (
        long.direction === "long" &&
        long.date === short.date &&
        long.quantity === short.quantity &&
        a.underlying === b.underlying &&
        a.optionType === b.optionType &&
        a.expiration === b.expiration &&
        parseDecimal(a.strike) !== parseDecimal(b.strike)
      );
    });
    // Only unambiguous pairs: one partner, and that partner has no other short.
    if (partners.length === 1) pairs.push([short, partners[0] as Opened]);
  }
  return pairs;
}

describe.skipIf(!exists)("spreads in the re-saved 2023 activity report", () => {
  const text = exists
    ? readFileSync(path.join(samples, "activity-report-excel-resaved-2023.csv"), "utf8")
    : "";
  const imported = exists ? importRobinhoodCsv(text) : ({ executions: [], events: [] } as never);
  const result = computePnl({
    executions: imported.executions,
    events: imported.events,
    marks: {},
    asOf: "2023-11-28",
  });
  const spreads = verticalsIn(openedLegs(imported.executions));

  it("finds the spreads the report holds", () => {
    expect(spreads).toHaveLength(99);
  });

  it("puts both legs of every spread in one chain", () => {
    // The chain holding the leg's contract and direction on that day (an add joins the open leg).
    const chainOf = (leg: Opened) =>
      result.chains.find((chain) =>
        chain.legs.some(
          (item) =>
            item.contractKey === leg.contractKey &&
            item.direction === leg.direction &&
            item.openedOn <= leg.date &&
            (item.closedOn === null || item.closedOn >= leg.date),
        ),
      )?.id;
    const split = spreads.filter(
      ([short, long]) => chainOf(short) === undefined || chainOf(short) !== chainOf(long),
    );
    expect(split.map(([short, long]) => `${short.date} ${short.contractKey} / ${long.contractKey}`)).toEqual(
      [],
    );
  });

  it("labels every spread a vertical, or part of an iron condor or butterfly when four legs opened together", () => {
    const labels = spreads.map(([short, long]) => {
      const position = result.strategies.find(
        (item) =>
          item.openedOn === short.date &&
          item.legs.some((leg) => leg.contractKey === short.contractKey && leg.direction === "short") &&
          item.legs.some((leg) => leg.contractKey === long.contractKey && leg.direction === "long"),
      );
      return position?.label ?? "none";
    });
    expect(
      labels.filter(
        (label) => !VERTICALS.includes(label) && label !== "iron-condor" && label !== "iron-butterfly",
      ),
    ).toEqual([]);
  });

  it("shows the TSLA put spread of June 2023 as one chain with one small result, not −12,720.79 and +14,112.81", () => {
    const chain = result.chains.find(
      (item) =>
        item.underlying === "TSLA" &&
        item.legs.some((leg) => leg.contractKey === "TSLA|2023-06-30|put|260|100"),
    );
    expect(chain).toMatchObject({
      strategy: "diagonal",
      status: "closed",
      realized: "1392.02",
      openedOn: "2023-06-21",
    });
  });

  it("labels every chain, most of them spreads", () => {
    const counts: Record<string, number> = {};
    for (const chain of result.chains) counts[chain.strategy] = (counts[chain.strategy] ?? 0) + 1;
    expect(counts).toEqual({
      "bear-call-spread": 36,
      "bull-put-spread": 30,
      "iron-condor": 5,
      diagonal: 7,
      "long-call": 5,
      "long-put": 4,
    });
    expect(result.reconciliation.options.holds).toBe(true);
  });
});
