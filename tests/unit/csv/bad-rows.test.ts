import { describe, expect, it } from "vitest";
import { CsvFileError, importRobinhoodCsv } from "@/lib/robinhood/csv";
import { fixture } from "./support";

describe("rows that cannot be read", () => {
  const imported = importRobinhoodCsv(fixture("activity-report-bad-rows.csv"));

  it("each bad row yields an error naming its row, line, column and reason; nothing is dropped", () => {
    expect(imported.errors).toEqual([
      { row: 2, line: 2, column: "Activity Date", reason: 'not a calendar date: "13/45/2023"' },
      { row: 3, line: 3, column: "Amount", reason: 'not an amount: "$41.9x"' },
      { row: 4, line: 4, column: "Quantity", reason: "BTO rows never carry the S suffix" },
      { row: 5, line: 5, column: "Amount", reason: "a STO amount should be positive (cash in): -41.98" },
      {
        row: 6,
        line: 6,
        column: "Description",
        reason: 'not an option description ("ROOT M/D/YYYY Call|Put $STRIKE"): "ACME Sept Put twenty"',
      },
    ]);
    expect(imported.rows.map((row) => row.use)).toEqual([
      "error",
      "error",
      "error",
      "error",
      "error",
      "execution",
    ]);
    expect(imported.executions).toHaveLength(1);
  });

  it("a file that is not a Robinhood export is refused as a whole", () => {
    expect(() => importRobinhoodCsv("name,value\nx,1\n")).toThrow(CsvFileError);
    expect(() => importRobinhoodCsv('"Activity Date","Trans Code"\n"unterminated')).toThrow(
      /not a readable CSV file/,
    );
  });

  it("a report whose header lacks a needed column says which", () => {
    const result = importRobinhoodCsv('"Activity Date","Trans Code","Description"\n"9/1/2023","ACH","x"\n');
    expect(result.errors).toEqual([
      {
        row: 1,
        line: 1,
        column: null,
        reason: "header is missing column(s): Instrument, Quantity, Price, Amount",
      },
    ]);
  });

  it("extra columns (Account Type, Suppressed) are ignored and columns are found by name, not position", () => {
    const text = [
      '"Account Type","Amount","Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Suppressed"',
      '"Margin","$41.98","9/11/2023","9/11/2023","9/12/2023","ACME","ACME 9/15/2023 Put $20.00","STO","1","$0.42","false"',
    ].join("\n");
    const result = importRobinhoodCsv(text);
    expect(result.errors).toEqual([]);
    expect(result.executions).toMatchObject([{ fees: "0.02", tradeDate: "2023-09-11" }]);
  });
});
