import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePnlArgs } from "@/lib/cli/pnl/parse-pnl-args";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** Runs the real command (`scripts/pnl.ts` under tsx), as `npm run pnl --` does. */
function pnl(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/pnl.ts", ...args], {
    cwd: repoRoot,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("npm run pnl", () => {
  it("prints the documented JSON report for a CSV export", () => {
    const run = pnl(
      "tests/fixtures/csv/activity-report.csv",
      "--format",
      "json",
      "--as-of",
      "2023-09-30",
      "--marks",
      "tests/fixtures/csv/marks.json",
    );
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({
      reportVersion: 1,
      asOf: "2023-09-30",
      source: {
        format: "activity-report",
        rows: 21,
        executions: 8,
        events: 4,
        stockTrades: 1,
        corporateActions: 1,
      },
      totals: {
        realized: "28.89",
        fees: "0.15",
        stockRealized: "0.00",
        // only WIDG has a stock mark: 100 × 8.50 short against 799.95 received
        stockUnrealized: "-50.05",
        // 799.95 + 1,499.97 − 210.00
        stockCashFlow: "2089.92",
        openPositions: 1,
        unmarkedPositions: 0,
      },
    });
    // The call bought as OLDX (−100.00) and sold after the rename as NEWX (+159.96) is realized as NEWX.
    expect(report.byUnderlying).toContainEqual({
      underlying: "NEWX",
      realized: "59.96",
      unrealized: "0.00",
      fees: "0.04",
      stockRealized: "0.00",
    });
    expect(report.chains.find((item: { underlying: string }) => item.underlying === "NEWX")).toMatchObject({
      status: "closed",
      realized: "59.96",
      adjustments: [
        {
          type: "rename",
          date: "2023-08-15",
          label: "renamed OLDX → NEWX",
          from: { contractKey: "OLDX|2023-10-20|call|10|100", quantity: "2" },
          to: { contractKey: "NEWX|2023-10-20|call|10|100", quantity: "2" },
        },
      ],
    });
    expect(report.openPositions).toEqual([
      {
        underlying: "BIGC",
        expiration: "2023-12-15",
        strike: "1250",
        optionType: "call",
        quantity: "-1",
        averagePrice: "12.50",
        mark: "10.00",
        marketValue: "-1000.00",
        unrealized: "249.96",
      },
    ]);
    expect(report.stockPositions).toContainEqual({
      underlying: "WIDG",
      quantity: "-100",
      averagePrice: "8.00",
      mark: "8.50",
      marketValue: "-850.00",
      unrealized: "-50.05",
      direction: "short",
      costBasis: "799.95",
      costBasisPerShare: "7.9995",
      openedOn: "2023-09-15",
    });
    expect(report.stockPositions).toContainEqual(
      expect.objectContaining({ underlying: "ACME", quantity: "10", costBasis: "210.00", direction: "long" }),
    );
    // ACME: 10 shares bought, then puts written on the same underlying.
    expect(report.wheelCycles).toMatchObject([
      {
        underlying: "ACME",
        status: "open",
        startedOn: "2023-09-05",
        sharesHeld: "10",
        premiumCollected: "48.96",
      },
    ]);
    const chain = report.chains.find((item: { underlying: string }) => item.underlying === "WIDG");
    expect(Object.keys(chain)).toEqual(
      expect.arrayContaining([
        "id",
        "underlying",
        "optionType",
        "side",
        "status",
        "rolls",
        "netPremium",
        "realized",
        "legs",
      ]),
    );
    expect(chain).toMatchObject({
      optionType: "call",
      side: "short",
      status: "assigned",
      rolls: [],
      netPremium: "29.97",
    });
    expect(report.unusedRows).toContainEqual(
      expect.objectContaining({ row: 16, code: "ACH", reason: "bank transfer", amount: "500.00" }),
    );
    expect(report.errors).toEqual([]);
    expect(report.reconciliation.options.holds).toBe(true);
    expect(report.reconciliation.stock.holds).toBe(true);
  }, 60_000);

  it("prints tables by default", () => {
    const run = pnl("tests/fixtures/csv/option-orders.csv", "--as-of", "2025-03-12");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Rollbook P&L as of 2025-03-12");
    expect(run.stdout).toMatch(/Options realized[\s\S]*55\.00/);
    expect(run.stdout).toMatch(
      /ROLL\s+call\s+short\s+closed\s+2025-03-03\s+2025-03-11\s+2025-03-05 out credit/,
    );
  }, 60_000);

  it("shows stock positions with their cost basis and the wheel cycles in the tables", () => {
    const run = pnl("tests/fixtures/csv/activity-report.csv", "--as-of", "2023-09-30");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Stock positions[\s\S]*ACME\s+10\s+21\.00\s+210\.00\s+21\.00\s+2023-09-05/);
    expect(run.stdout).toMatch(
      /Wheel cycles \(1 open, 1 in all\)[\s\S]*ACME\s+open\s+2023-09-05\s+open\s+25\s+48\.96/,
    );
  }, 60_000);

  it("shows a rename as a step of its chain in the table", () => {
    const run = pnl("tests/fixtures/csv/activity-report.csv", "--as-of", "2023-09-30");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("4 events, 1 stock trades, 1 corporate action)");
    expect(run.stdout).toMatch(
      /NEWX\s+call\s+long\s+closed\s+2023-08-01\s+2023-09-01\s+2023-08-15 renamed OLDX → NEWX/,
    );
  }, 60_000);

  it("exits 1 on a file it cannot read, with a clear message", () => {
    const missing = pnl("tests/fixtures/csv/no-such-file.csv");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read CSV file tests/fixtures/csv/no-such-file.csv");
    const notAnExport = pnl("tests/fixtures/csv/marks.json");
    expect(notAnExport.code).toBe(1);
    expect(notAnExport.stderr).toContain("marks.json: not a readable CSV file");
  }, 60_000);

  it("exits 2 on bad arguments and 3 when rows could not be read", () => {
    expect(pnl("a.csv", "--format", "xml")).toMatchObject({ code: 2, stdout: "" });
    const bad = pnl(
      "tests/fixtures/csv/activity-report-bad-rows.csv",
      "--format",
      "json",
      "--as-of",
      "2023-09-30",
    );
    expect(bad.code).toBe(3);
    expect(JSON.parse(bad.stdout).errors).toHaveLength(5);
  }, 60_000);
});

describe("pnl arguments", () => {
  it("accepts the documented options, with = or a separate value", () => {
    expect(parsePnlArgs(["x.csv", "--format=json", "--as-of", "2024-01-31", "--marks", "m.json"])).toEqual({
      ok: true,
      args: { file: "x.csv", format: "json", asOf: "2024-01-31", marks: "m.json" },
    });
    expect(parsePnlArgs(["x.csv"])).toEqual({ ok: true, args: { file: "x.csv", format: "table" } });
  });

  it("refuses what it does not understand, saying why", () => {
    const message = (argv: string[]) => {
      const parsed = parsePnlArgs(argv);
      return parsed.ok ? "" : (parsed.message.split("\n")[0] ?? "");
    };
    expect(message([])).toBe("file: a CSV file is required");
    expect(message(["x.csv", "y.csv"])).toBe("expected one CSV file, got 2: x.csv y.csv");
    expect(message(["x.csv", "--as-of", "2024-02-30"])).toBe("--as-of: must be a YYYY-MM-DD date");
    expect(message(["x.csv", "--verbose"])).toBe("unknown option --verbose");
    expect(message(["x.csv", "--marks"])).toBe("--marks needs a value");
    expect(parsePnlArgs(["--help"])).toMatchObject({ ok: false, help: true });
  });
});
