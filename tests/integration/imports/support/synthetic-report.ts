import { expect } from "vitest";

/**
 * An activity report of `rows` distinct option fills (each its own contract, so every row is a new
 * fill, order, leg and instrument), for tests that need more rows than several import batches.
 */
export const REPORT_HEADER =
  '"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"';

export function fillRow(index: number): string {
  const strike = (10 + index / 100).toFixed(2);
  return `"9/11/2023","9/11/2023","9/12/2023","ACME","ACME 9/15/2023 Put $${strike}","STO","1","$0.42","$41.98"`;
}

export function syntheticReport(rows: number, replace: Map<number, string> = new Map()): string {
  const lines = [REPORT_HEADER];
  for (let index = 0; index < rows; index++) lines.push(replace.get(index) ?? fillRow(index));
  return `${lines.join("\n")}\n`;
}

/** Ten fills whose seventh (line 8) holds a NUL byte in its Description. */
export function reportWithNulByte(): string {
  return syntheticReport(10, new Map([[6, fillRow(6).replace("ACME 9/15", "ACME\u0000 9/15")]]));
}

/** How an import refuses `reportWithNulByte()`: one row error naming its row, line and column. */
export const NUL_BYTE_REFUSAL = {
  status: "rejected",
  errorCount: 1,
  errors: [{ row: 8, line: 8, column: "Description", reason: expect.stringMatching(/NUL byte \(0x00\)/) }],
};
