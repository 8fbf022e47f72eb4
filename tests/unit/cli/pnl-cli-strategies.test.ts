import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePnlArgs } from "@/lib/cli/pnl/parse-pnl-args";
import { runPnlReport } from "@/lib/cli/pnl/run-pnl-report";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

/** Runs the command in-process on the option-orders fixture (a credit put spread and a rolled call). */
function run(...extra: string[]) {
  let stdout = "";
  let stderr = "";
  const code = runPnlReport({
    argv: ["tests/fixtures/csv/option-orders.csv", "--as-of", "2025-03-12", ...extra],
    readText: (file) => readFileSync(path.join(repoRoot, file), "utf8"),
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    today: () => "2025-03-12",
  });
  return { code, stdout, stderr };
}

describe("npm run pnl and strategies", () => {
  it("labels each chain and lists strategy positions in the JSON report", () => {
    const { code, stdout } = run("--format", "json");
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(
      report.chains.map((chain: { underlying: string; strategy: string }) => [
        chain.underlying,
        chain.strategy,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ["ROLL", "short-call"],
        ["SPRD", "bull-put-spread"],
      ]),
    );
    expect(report.strategies).toContainEqual(
      expect.objectContaining({
        underlying: "SPRD",
        label: "bull-put-spread",
        openingCash: "120.00",
        cashKind: "credit",
        byRoll: false,
        legs: [
          expect.objectContaining({ strike: "45", direction: "long", quantity: "2" }),
          expect.objectContaining({ strike: "50", direction: "short", quantity: "2" }),
        ],
      }),
    );
  });

  it("--strategy keeps only chains and positions with that label, and says so in the table", () => {
    const json = JSON.parse(run("--format", "json", "--strategy", "bull-put-spread").stdout);
    expect(json.chains.map((chain: { underlying: string }) => chain.underlying)).toEqual(["SPRD"]);
    expect(json.strategies.every((position: { label: string }) => position.label === "bull-put-spread")).toBe(
      true,
    );
    // Totals are still the whole file's.
    expect(json.totals.realized).toBe("55.00");
    const table = run("--strategy=bull-put-spread").stdout;
    expect(table).toContain("Chains (1)");
    expect(table).toContain("Bull put spread (credit)");
  });

  it("rejects an unknown label with the list of labels", () => {
    const parsed = parsePnlArgs(["file.csv", "--strategy", "wheel"]);
    expect(parsed).toMatchObject({ ok: false, help: false });
    expect(!parsed.ok && parsed.message).toMatch(/^--strategy: must be one of long-call, short-call/);
  });
});
