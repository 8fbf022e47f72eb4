import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatMoney, formatQuantity, parseDecimal } from "@/lib/money";
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
    corporateActions: imported.corporateActions,
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

/**
 * Shares of `symbol` the report's own rows say were held at the end of `asOf`: Buy and Sell rows plus
 * the SPL rows, which carry the shares a split added (read from the raw records, not the importer).
 */
function sharesFromRows(text: string, symbol: string, asOf: string): string {
  const records = readRecords(text);
  const header = (records[0]?.fields ?? []).map((field) => field.trim());
  const column = (name: string) => header.indexOf(name);
  const [date, instrument, code, quantity] = ["Activity Date", "Instrument", "Trans Code", "Quantity"].map(
    column,
  );
  let total = 0;
  for (const record of records.slice(1)) {
    const field = (index: number | undefined) => record.fields[index ?? -1]?.trim() ?? "";
    if (field(instrument) !== symbol) continue;
    const [month, day, year] = field(date).split("/");
    const iso = `${year}-${month?.padStart(2, "0")}-${day?.padStart(2, "0")}`;
    if (iso > asOf) continue;
    const sign = { Buy: 1, SPL: 1, Sell: -1 }[field(code)];
    if (sign !== undefined) total += sign * parseDecimal(field(quantity));
  }
  return formatQuantity(total);
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
        "corporate-action": 22,
        unused: 172,
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
        MISC: 1,
        CIL: 1,
        ROC: 1,
        GOLD: 1,
        DTAX: 1,
        blank: 1,
        trailer: 1,
      });
    });

    it("every OEXP / OASGN / OEXCS closes a position the replay knows (4 of them carried over by a rename)", () => {
      expect(count(imported.events, (event) => event.type)).toEqual({
        expiration: 239,
        assignment: 14,
        exercise: 1,
      });
      expect(result.issues.filter((issue) => issue.code !== "missing-mark")).toEqual([]);
      const openedOn = new Map(imported.executions.map((fill) => [fill.id, fill.contract.underlying]));
      const carried = result.matches.filter(
        (match) => match.closeEventId !== null && openedOn.get(match.openExecutionId) !== match.underlying,
      );
      expect(carried.map((match) => [openedOn.get(match.openExecutionId), match.contractKey])).toEqual([
        ["STPK", "STEM|2021-05-21|call|40|100"],
        ["DMYD", "GENI|2021-05-21|call|22.5|100"],
        ["IPOE", "SOFI|2021-06-04|call|22.5|100"],
        ["ACTC", "PTRA|2021-07-16|call|20|100"],
      ]);
      // Only the SOFI 8/4/2023 calls sold on the last day are still open.
      expect(result.openPositions.map((position) => [position.contractKey, position.quantity])).toEqual([
        ["SOFI|2023-08-04|call|12|100", "-4"],
      ]);
    });

    it("reads the OCA pairs as six renames and the two GOOGL SPL rows as one 20:1 split", () => {
      expect(
        imported.corporateActions.map((action) =>
          action.type === "rename"
            ? [action.date, action.symbol, action.newSymbol]
            : [action.date, action.symbol, `${action.sharesAfter}:${action.sharesBefore}`],
        ),
      ).toEqual([
        ["2021-06-15", "ACTC", "PTRA"],
        ["2021-06-01", "IPOE", "SOFI"],
        ["2021-04-29", "STPK", "STEM"],
        ["2021-04-21", "DMYD", "GENI"],
        ["2020-12-30", "DMYT", "RSI"],
        ["2020-12-30", "LCA", "GNOG"],
        ["2022-07-18", "GOOGL", "20:1"],
      ]);
    });

    it("keeps the GENI and PTRA positions' chains through the merger and books their P&L under the new symbol", () => {
      const renamed = (symbol: string) =>
        result.chains.filter((chain) => chain.underlying === symbol && chain.adjustments.length > 0);
      // Sold as DMYD 5/21/2021 $22.50 calls on 4/19 for 100.98, expired as GENI.
      expect(renamed("GENI")).toMatchObject([
        {
          openedOn: "2021-04-19",
          status: "expired",
          realized: "100.98",
          adjustments: [
            {
              date: "2021-04-21",
              label: "renamed DMYD → GENI",
              to: { contractKey: "GENI|2021-05-21|call|22.5|100" },
            },
          ],
          legs: [
            { contractKey: "GENI|2021-05-21|call|22.5|100", openedOn: "2021-04-19", outcome: "expiration" },
          ],
        },
      ]);
      // Sold as ACTC 7/16/2021 $20 calls on 5/28 for 80.98, expired as PTRA.
      expect(renamed("PTRA")).toMatchObject([
        {
          openedOn: "2021-05-28",
          status: "expired",
          realized: "80.98",
          adjustments: [
            {
              date: "2021-06-15",
              label: "renamed ACTC → PTRA",
              from: { contractKey: "ACTC|2021-07-16|call|20|100" },
            },
          ],
        },
      ]);
      // The LCA → GNOG merger moved two open contracts of one rolled chain: still one chain.
      const gnog = result.chains.find(
        (chain) => chain.underlying === "GNOG" && chain.adjustments.length === 2,
      );
      // A bull call spread: its legs, opened together, are one chain, so each leg's roll counts.
      expect(gnog).toMatchObject({ openedOn: "2020-07-20", status: "closed", strategy: "bull-call-spread" });
      expect(gnog?.rolls).toHaveLength(8);
      expect(
        result.byUnderlying.filter((row) => ["DMYD", "GENI", "ACTC", "PTRA"].includes(row.underlying)),
      ).toMatchObject([
        { underlying: "ACTC", realized: "262.90" },
        { underlying: "DMYD", realized: "41.90" },
        { underlying: "GENI", realized: "124.80" },
        { underlying: "PTRA", realized: "556.66" },
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
      // short (NIO −700, GOOGL −200, DAL, MGM, PLTR, SOFI, STEM, WKHS); before corporate actions moved
      // stock lots, so were the merged and split symbols (GENI, GNOG, PTRA, RSI, STEM, GOOGL).
      expect(result.stockPositions.filter((position) => position.direction === "short")).toEqual([]);
      expect(result.stockMatches.filter((match) => match.direction === "short")).toEqual([]);
    });

    it("holds the GOOGL shares the report's rows add up to across the 20:1 split", () => {
      // 3.7 shares before it; the SPL rows of 7/15 and 7/18 add 3.8 and 66.5 (3.7 × 19), so 74 after,
      // and the Buy rows of 7/18 and of August on top. No option event touched GOOGL shares then.
      for (const asOf of ["2022-07-15", "2022-07-18", "2022-08-16"]) {
        const held = computePnl({
          executions: imported.executions,
          events: imported.events,
          stockTrades: imported.stockTrades,
          corporateActions: imported.corporateActions,
          marks: {},
          asOf,
        }).stockPositions.find((position) => position.underlying === "GOOGL");
        const expected = asOf < "2022-07-18" ? "3.7" : sharesFromRows(text, "GOOGL", asOf);
        expect({ asOf, quantity: held?.quantity }).toEqual({ asOf, quantity: expected });
      }
      expect(sharesFromRows(text, "GOOGL", "2022-07-18")).toBe("76");
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
      // Legs opened together share a chain (see strategies-conformance.test.ts), and renames join the
      // 10 positions each OCA pair used to split in two.
      expect(result.chains).toHaveLength(468);
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
      // Each spread is one chain: its short leg assigned and its long leg exercised end it "assigned".
      const delivered = result.chains.filter(
        (chain) => chain.status === "assigned" || chain.status === "exercised",
      );
      expect(delivered.map((chain) => [chain.underlying, chain.strategy, chain.status])).toEqual([
        ["AMZN", "bull-put-spread", "assigned"],
        ["TSLA", "bull-put-spread", "assigned"],
      ]);
      expect(
        delivered.flatMap((chain) =>
          chain.legs.filter((leg) => leg.outcome !== "trade").map((leg) => leg.outcome),
        ),
      ).toEqual(["assignment", "exercise", "exercise", "assignment"]);
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
      // The excerpt has the OCA pair but not the position it moved; PTRA trades after it, so it is
      // the new root. The GOOGL shares split are not in it, so the split's ratio is unknown.
      expect(imported.corporateActions).toMatchObject([
        { type: "rename", symbol: "ACTC", newSymbol: "PTRA" },
      ]);
      expect(imported.unused.filter((row) => row.code === "SPL").map((row) => row.reason)).toEqual([
        "stock split whose ratio the file cannot tell: 0 share(s) held before it, 70.3 added",
        "stock split whose ratio the file cannot tell: 0 share(s) held before it, 70.3 added",
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
