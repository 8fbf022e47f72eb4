import { describe, expect, it } from "vitest";
import { computePnl } from "@/lib/pnl";
import { importRobinhoodCsv } from "@/lib/robinhood/csv";

const HEADER = `"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"`;
const report = (...rows: string[]) => [HEADER, ...rows].join("\n");

describe("SPL rows", () => {
  const rows = [
    `"6/20/2024","6/20/2024","6/21/2024","XYZ","XYZ 7/19/2024 Call $50.00","BTC","2","$1.00","($200.00)"`,
    `"6/10/2024","6/10/2024","6/10/2024","XYZ","XYZ Corp\nCUSIP: 000000XX1","SPL","100","",""`,
    `"6/3/2024","6/3/2024","6/4/2024","XYZ","XYZ 7/19/2024 Call $100.00","STO","1","$5.00","$499.97"`,
    `"6/3/2024","6/3/2024","6/4/2024","XYZ","XYZ Corp\nCUSIP: 000000XX1","Buy","100","$98.00","($9,800.00)"`,
  ];
  const imported = importRobinhoodCsv(report(...rows));

  it("reads the ratio off the shares held before the split: 100 held, 100 added is 2:1", () => {
    expect(imported.errors).toEqual([]);
    expect(imported.corporateActions).toEqual([
      {
        type: "split",
        id: expect.stringMatching(/^rh-spl:/),
        accountId: "robinhood",
        date: "2024-06-10",
        symbol: "XYZ",
        sharesAfter: "2",
        sharesBefore: "1",
      },
    ]);
    expect(imported.rows.find((row) => row.row === 3)?.use).toBe("corporate-action");
  });

  it("carries the covered call through the split: 1 at $100 becomes 2 at $50, closed for 299.97", () => {
    const result = computePnl({
      executions: imported.executions,
      events: imported.events,
      corporateActions: imported.corporateActions,
      marks: {},
      asOf: "2024-06-30",
    });
    // 499.97 − 200.00
    expect(result.totals.realized).toBe("299.97");
    expect(result.issues).toEqual([]);
    expect(result.chains).toMatchObject([{ status: "closed", adjustments: [{ label: "split 2:1" }] }]);
  });

  it("leaves a split unused, with the reason, when the file shows no shares before it", () => {
    // The split and the option sale, without the purchase of the shares.
    const alone = importRobinhoodCsv(report(rows[1] ?? "", rows[2] ?? ""));
    expect(alone.errors).toEqual([]);
    expect(alone.corporateActions).toEqual([]);
    expect(alone.unused.map((row) => [row.code, row.reason])).toEqual([
      ["SPL", "stock split whose ratio the file cannot tell: 0 share(s) held before it, 100 added"],
    ]);
  });
});
