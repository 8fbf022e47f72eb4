import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Exact money is the product's promise, so decimal arithmetic and formatting live in one module,
 * `lib/money`, with one set of property tests. This scans the product and the simulator for the
 * ways money used to be computed elsewhere: Prisma.Decimal arithmetic, floats turned into text
 * (`toFixed`) or text into floats (`parseFloat`, `Number(price)`), bigint math and hand-written
 * decimal parsers. Uses that are not money are listed below, each with its reason.
 */
const roots = ["app", "components", "lib", "simulator"];

type Rule = { name: string; pattern: RegExp };

const rules: Rule[] = [
  { name: "Prisma.Decimal arithmetic", pattern: /\bnew\s+(?:Prisma\.)?Decimal\(/ },
  {
    name: "Decimal.js arithmetic method",
    pattern: /\.(?:plus|minus|times|dividedBy|toDecimalPlaces|toNearest|negated|mul|div)\(/,
  },
  { name: "parseFloat", pattern: /\bparseFloat\(/ },
  { name: "toFixed", pattern: /\.toFixed\(/ },
  { name: "bigint arithmetic", pattern: /\bBigInt\(|\b\d+n\b/ },
  { name: "hand-written decimal parser", pattern: /\(\\d\+\)\(\?:\\\./ },
  {
    name: "Number() of a money field",
    pattern:
      /\bNumber\((?:[\w.?]*\.)?(?:price|amount|fees?|quantity|strike\w*|premium|cost\w*|\w*[pP]nl|realized|unrealized|netAmount|multiplier|shares)\b/,
  },
];

type Allowed = { file: string; rule: string; line: RegExp; reason: string };

const allowed: Allowed[] = [
  {
    file: "lib/robinhood/client/retry.ts",
    rule: "parseFloat",
    line: /parseFloat\((?:fromDetail\[1\]|header)\)/,
    reason: "seconds to wait from a Retry-After header or a throttle message, not money",
  },
  {
    file: "components/format/dates.ts",
    rule: "toFixed",
    line: /\(ms \/ 1_000\)\.toFixed\(1\)/,
    reason: "a duration in seconds",
  },
  {
    file: "lib/server/imports/claim-import-quota.ts",
    rule: "toFixed",
    line: /bytes \/ 1024.*\.toFixed\(1\)/,
    reason: "a file size in KB or MB",
  },
  {
    file: "simulator/wire/market-data.ts",
    rule: "toFixed",
    line: /const ratio6 = /,
    reason: "greeks and probabilities of the pricing model: floats by nature, never money",
  },
  {
    file: "lib/server/auth/delete-expired-sign-in-state.ts",
    rule: "bigint arithmetic",
    line: /BigInt\(now\)/,
    reason: "an epoch-milliseconds bound for a BIGINT column",
  },
  {
    file: "simulator/auth/totp.ts",
    rule: "bigint arithmetic",
    line: /writeBigUInt64BE\(BigInt\(counter\)\)/,
    reason: "the TOTP time-step counter (RFC 6238)",
  },
  {
    file: "lib/robinhood/schemas/common.ts",
    rule: "hand-written decimal parser",
    line: /const DECIMAL_PATTERN = /,
    reason: "validates the shape of Robinhood's literals; lib/money's plainDecimal does the rewriting",
  },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

/** Code lines only: comments may name what they replaced. */
function codeLines(text: string): { number: number; text: string }[] {
  return text
    .split("\n")
    .map((line, index) => ({ number: index + 1, text: line }))
    .filter(({ text: line }) => !/^\s*(?:\/\/|\*|\/\*)/.test(line));
}

function findings(file: string, text: string): string[] {
  const out: string[] = [];
  for (const line of codeLines(text)) {
    for (const rule of rules) {
      if (!rule.pattern.test(line.text)) continue;
      const excused = allowed.some(
        (entry) => entry.file === file && entry.rule === rule.name && entry.line.test(line.text),
      );
      if (!excused) out.push(`${file}:${line.number} ${rule.name}: ${line.text.trim()}`);
    }
  }
  return out;
}

describe("decimal arithmetic stays in lib/money", () => {
  const files = roots
    .flatMap((root) => sourceFiles(root))
    .map((file) => file.split(path.sep).join("/"))
    .filter((file) => !file.startsWith("lib/money/"));

  it("finds the sources it checks", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files).toContain("lib/server/recompute/persist-pnl-result.ts");
    expect(files).toContain("simulator/wire/orders.ts");
  });

  it("finds no decimal arithmetic or formatting outside lib/money", () => {
    const offenders = files.flatMap((file) => findings(file, readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("uses every allow-list entry, so none outlives its reason", () => {
    const unused = allowed.filter((entry) => {
      const lines = codeLines(readFileSync(entry.file, "utf8"));
      const rule = rules.find((candidate) => candidate.name === entry.rule);
      return !lines.some((line) => rule?.pattern.test(line.text) && entry.line.test(line.text));
    });
    expect(unused.map((entry) => `${entry.file} (${entry.rule})`)).toEqual([]);
  });

  it("leaves no second home for money formatting in components", () => {
    expect(existsSync("components/format/decimal.ts")).toBe(false);
  });

  it("recognises each way money used to be computed elsewhere", () => {
    const samples = [
      "fees: new Prisma.Decimal(lot.openFees).plus(lot.closeFees),",
      "const closedFees = lots.reduce((sum, lot) => sum.plus(lot.fees), zero);",
      "const price = Number.parseFloat(row.price);",
      "return formatMoney(value.toFixed(digits));",
      "const units = BigInt(whole + fraction);",
      "if (units % 10n === 0n) units /= 10n;",
      "const DECIMAL = /^([+-])?(\\d+)(?:\\.(\\d*))?$/;",
      "const total = Number(execution.price) * Number(execution.quantity);",
    ];
    for (const sample of samples) expect(findings("lib/example.ts", sample), sample).not.toEqual([]);
    for (const fine of [
      "seen.add(body.next);",
      "const day = Number(date.slice(0, 4));",
      "// was .toFixed(2)",
    ]) {
      expect(findings("lib/example.ts", fine), fine).toEqual([]);
    }
  });
});
