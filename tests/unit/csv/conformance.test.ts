import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatMoney, parseDecimal } from "@/lib/money";
import { computePnl, type PnlResult } from "@/lib/pnl";
import { type CsvImport, importRobinhoodCsv, parseMoney, readRecords } from "@/lib/robinhood/csv";
import { repoRoot } from "./support";

/**
 * Conformance over the real public exports in ../shared/robinhood-csv-samples (see its README).
 * They live outside the repository on purpose — they must never be committed into it — so these
 * tests run only where that folder exists (every developer machine and CI runner has it; a bare
 * clone elsewhere skips them). Counts below were recorded from the files and are asserted exactly.
 */
const samples = path.resolve(repoRoot, "../shared/robinhood-csv-samples");
const exists = existsSync(samples);

function load(name: string, asOf: string): { imported: CsvImport; result: PnlResult; text: string } {
  const text = readFileSync(path.join(samples, name), "utf8");
  const imported = importRobinhoodCsv(text);
  const result = computePnl({
    executions: imported.executions,
    events: imported.events,
    stockTrades: imported.stockTrades,
    marks: {},
    asOf,
  });
  return { imported, result, text };
}

const count = <T>(items: readonly T[], key: (item: T) => string) =>
  items.reduce<Record<string, number>>((counts, item) => {
    counts[key(item)] = (counts[key(item)] ?? 0) + 1;
    return counts;
  }, {});

/** Sum of the Amount column over option trade rows, read independently of the importer. */
function tradeAmounts(imported: CsvImport, text: string): string {
  return amounts(imported, text, ["execution"]);
}

/** Sum of the Amount column over stock rows (trades and the stock side of option events). */
function stockAmounts(imported: CsvImport, text: string): string {
  return amounts(imported, text, ["stock-trade", "stock-leg"]);
}

/** Symbols whose shares a split or merger exchange row moved, read from the raw records. */
function corporateActionSymbols(text: string): Set<string> {
  const records = readRecords(text);
  const header = (records[0]?.fields ?? []).map((field) => field.trim());
  const code = header.indexOf("Trans Code");
  const instrument = header.indexOf("Instrument");
  return new Set(
    records
      .filter((record) => ["SPL", "SXCH"].includes(record.fields[code]?.trim() ?? ""))
      .map((record) => record.fields[instrument]?.trim() ?? ""),
  );
}

function amounts(imported: CsvImport, text: string, uses: readonly string[]): string {
  const records = readRecords(text);
  const amount = (records[0]?.fields ?? []).map((field) => field.trim()).indexOf("Amount");
  let total = 0;
  for (const row of imported.rows.filter((item) => uses.includes(item.use))) {
    // Records are numbered from 1 (the header); shares received without cash have no Amount.
    const parsed = parseMoney(records[row.row - 1]?.fields[amount] ?? "");
    if (!parsed.ok) throw new Error(`no amount in record ${row.row}`);
    total += parsed.value === null ? 0 : parseDecimal(parsed.value);
  }
  return formatMoney(total);
}

describe.skipIf(!exists)("conformance with real Robinhood exports", () => {
  describe("activity report 2018–2023 (full)", () => {
    const { imported, result, text } = exists
      ? load("activity-report-2018-2023-full.csv", "2023-07-31")
      : ({} as ReturnType<typeof load>);

    it("parses or explains all 2,814 records", () => {
      expect(imported.errors).toEqual([]);
      expect(imported.rows).toHaveLength(2814);
      expect(count(imported.rows, (row) => row.use)).toEqual({
        execution: 1594,
        event: 254,
        "stock-leg": 15,
        "stock-trade": 757,
        "corporate-action": 20,
        unused: 174,
      });
      // 541 Buy + 211 Sell rows that are not an option's stock, 4 REC and 1 SDIV (shares at no cost).
      expect(count(imported.stockTrades, (trade) => trade.side)).toEqual({ buy: 546, sell: 211 });
      expect(count(imported.unused, (row) => row.code)).toEqual({
        ACH: 82,
        CDIV: 40,
        INT: 20,
        SXCH: 12,
        SLIP: 8,
        AFEE: 5,
        SPL: 2,
        MISC: 1,
        CIL: 1,
        ROC: 1,
        GOLD: 1,
        DTAX: 1,
        blank: 1,
        trailer: 1,
      });
    });

    it("every OEXP / OASGN / OEXCS closes a position the replay knows (4 of them opened by an OCA swap)", () => {
      expect(count(imported.events, (event) => event.type)).toEqual({
        expiration: 239,
        assignment: 14,
        exercise: 1,
      });
      expect(result.issues.filter((issue) => issue.code !== "missing-mark")).toEqual([]);
      const swapped = new Set(
        imported.executions
          .filter((fill) => fill.orderId?.startsWith("rh-oca:") && fill.positionEffect === "open")
          .map((fill) => fill.id),
      );
      expect(
        result.matches.filter((match) => swapped.has(match.openExecutionId) && match.closeEventId !== null),
      ).toHaveLength(4);
      // Only the SOFI 8/4/2023 calls sold on the last day are still open.
      expect(result.openPositions.map((position) => [position.contractKey, position.quantity])).toEqual([
        ["SOFI|2023-08-04|call|12|100", "-4"],
      ]);
    });

    it("books option cash straight from the Amount column", () => {
      expect(result.totals.cashFlow).toBe(tradeAmounts(imported, text));
      expect(result.totals).toMatchObject({ realized: "11665.37", fees: "18.69" });
      expect(result.reconciliation.options.holds).toBe(true);
    });

    it("books stock trades straight from the Amount column, and the stock ledger reconciles", () => {
      expect(result.totals.stockCashFlow).toBe(stockAmounts(imported, text));
      expect(result.reconciliation.stock.holds).toBe(true);
    });

    it("shows no short stock that no short sale explains", () => {
      // The account never sold short. Before stock trades were read, every called-away position was
      // short (NIO −700, GOOGL −200, DAL, MGM, PLTR, SOFI, STEM, WKHS). What may remain short is a
      // symbol whose shares a split (SPL) or merger exchange (SXCH) moved: those rows are corporate
      // actions, applied to stock lots apart from the trades.
      const shorts = result.stockPositions.filter((position) => position.direction === "short");
      const moved = corporateActionSymbols(text);
      expect(shorts.filter((position) => !moved.has(position.underlying))).toEqual([]);
      for (const symbol of ["NIO", "DAL", "MGM", "PLTR", "SOFI", "WKHS"]) {
        expect(shorts.some((position) => position.underlying === symbol)).toBe(false);
      }
      expect(result.stockMatches.filter((match) => match.direction === "short")).toEqual(
        result.stockMatches.filter((match) => match.direction === "short" && moved.has(match.underlying)),
      );
    });

    it("lists wheel cycles for the covered calls written on bought shares", () => {
      const nio = result.wheelCycles.filter((cycle) => cycle.underlying === "NIO");
      expect(nio.length).toBeGreaterThan(0);
      expect(nio.at(-1)).toMatchObject({ status: "closed", endedOn: "2023-07-28", callsAssigned: "4" });
    });

    it("finds the GOOGL covered-call rolls of 4/11/2023 and 4/26/2023 in one chain that ends assigned", () => {
      const chain = result.chains.find((item) =>
        item.rolls.some((roll) => roll.date === "2023-04-11" && item.underlying === "GOOGL"),
      );
      expect(chain?.rolls.map((roll) => [roll.date, roll.from.strike, roll.to.strike, roll.netCash])).toEqual(
        expect.arrayContaining([
          ["2023-04-11", "97", "98", "32.98"],
          ["2023-04-26", "98", "99", "2.98"],
        ]),
      );
      expect(chain).toMatchObject({
        status: "assigned",
        closedOn: "2023-05-12",
        side: "short",
        optionType: "call",
      });
      expect(result.chains).toHaveLength(532);
      expect(result.chains.flatMap((item) => item.rolls)).toHaveLength(213);
    });
  });

  describe("activity report re-saved by a spreadsheet (2023)", () => {
    const { imported, result, text } = exists
      ? load("activity-report-excel-resaved-2023.csv", "2023-11-28")
      : ({} as ReturnType<typeof load>);

    it("parses or explains all 774 records and matches every event", () => {
      expect(imported.errors).toEqual([]);
      expect(count(imported.rows, (row) => row.use)).toEqual({
        execution: 720,
        event: 6,
        "stock-leg": 4,
        "stock-trade": 2,
        unused: 42,
      });
      expect(count(imported.events, (event) => `${event.type}:${event.direction}`)).toEqual({
        "expiration:short": 1,
        "expiration:long": 1,
        "assignment:short": 2,
        "exercise:long": 2,
      });
      expect(result.issues.map((issue) => issue.code)).toEqual([
        "missing-mark",
        "missing-mark",
        "missing-mark",
        "missing-mark",
      ]);
      expect(result.totals.cashFlow).toBe(tradeAmounts(imported, text));
      expect(result.totals.stockCashFlow).toBe(stockAmounts(imported, text));
    });

    it("books both put spreads assigned and exercised at expiry as offsetting stock", () => {
      expect(result.stockPositions).toEqual([]);
      expect(result.stockMatches.filter((match) => match.direction === "short")).toEqual([]);
      // The spreads' −8,807.16 and −6.49 on a 2-share round trip bought and sold with Buy/Sell rows.
      expect(result.totals.stockRealized).toBe("-8813.65");
      expect(
        result.chains.filter((chain) => chain.status === "assigned" || chain.status === "exercised"),
      ).toHaveLength(4);
    });
  });

  describe("activity report excerpt (options)", () => {
    const { imported, result } = exists
      ? load("activity-report-excerpt-options.csv", "2023-07-31")
      : ({} as ReturnType<typeof load>);

    it("lists the positions whose opening trades were cut out of the excerpt", () => {
      expect(imported.errors).toEqual([]);
      expect(imported.rows).toHaveLength(86);
      expect(count(result.issues, (issue) => issue.code)).toEqual({
        "close-without-position": 3,
        "event-without-position": 12,
        "expired-inferred": 2,
        "missing-mark": 1,
      });
      // The excerpt has the OCA pair but not the position it swapped, so it stays unexplained.
      expect(imported.unused.filter((row) => row.code === "OCA").map((row) => row.reason)).toEqual([
        "option corporate action: cannot tell which contract was replaced (no position before it)",
        "option corporate action: cannot tell which contract was replaced (no position before it)",
      ]);
    });
  });

  describe("robin_stocks option orders 2024–2025", () => {
    const { imported, result } = exists
      ? load("robin-stocks-option-orders-2024-2025.csv", "2025-08-07")
      : ({} as ReturnType<typeof load>);

    it("reads all 203 legs and links the RGTI one-order rolls of 2025-06-13 and 2025-06-27", () => {
      expect(imported.errors).toEqual([]);
      expect(imported.executions).toHaveLength(203);
      const oneOrder = result.chains.flatMap((chain) =>
        chain.rolls.filter((roll) => roll.oneOrder).map((roll) => ({ chain, roll })),
      );
      expect(
        oneOrder.map(({ chain, roll }) => [chain.underlying, roll.date, roll.label, roll.netCash]),
      ).toEqual([
        ["RGTI", "2025-06-13", "out", "30.00"],
        ["RGTI", "2025-06-27", "out", "16.00"],
      ]);
      expect(result.chains.flatMap((chain) => chain.rolls)).toHaveLength(6);
      // No expirations in this export: 28 positions past expiry are closed as inferred, and listed.
      expect(result.issues.filter((issue) => issue.code === "expired-inferred")).toHaveLength(28);
      expect(result.reconciliation.options.holds).toBe(true);
    });
  });
});
