import { describe, expect, it } from "vitest";
import { type CsvImportBatch, importRobinhoodCsv, streamCsvImport } from "@/lib/robinhood/csv";
import { fixture } from "./support";

const FIXTURES = [
  "activity-report.csv",
  "activity-report-assigned-both-ways.csv",
  "activity-report-resaved.csv",
  "activity-report-bad-rows.csv",
  "option-orders.csv",
];

async function streamed(text: string, batchRows: number) {
  const batches: CsvImportBatch[] = [];
  const summary = await streamCsvImport({
    file: text,
    batchRows,
    onBatch: async (batch) => {
      batches.push(batch);
    },
  });
  return { summary, batches };
}

describe("the streaming import reads a file exactly as the whole-file import does", () => {
  for (const name of FIXTURES) {
    it(`${name}: the same fills, events, rows and reasons, however small the batches`, async () => {
      const whole = importRobinhoodCsv(fixture(name));
      const { summary, batches } = await streamed(fixture(name), 1);
      const byId = <T extends { id: string }>(items: T[]) =>
        [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
      expect(byId(batches.flatMap((batch) => batch.executions))).toEqual(byId(whole.executions));
      // Assignments carry the stock fees their stock row set at the end of the file.
      expect(byId(batches.flatMap((batch) => batch.events))).toEqual(byId(whole.events));
      const rows = batches.flatMap((batch) => batch.rows).sort((a, b) => a.row - b.row);
      expect(rows.map(({ row, key, use }) => ({ row, key, use }))).toEqual(
        whole.rows.map(({ row, key, use }) => ({ row, key, use })),
      );
      const reasons = new Map(whole.unused.map((unused) => [unused.row, unused.reason]));
      for (const row of rows.filter((item) => item.use === "unused"))
        expect(row.reason).toBe(reasons.get(row.row) ?? "not an option fill or lifecycle event");
      expect(summary).toMatchObject({
        format: whole.format,
        rows: whole.rows.length,
        errors: whole.errors,
        errorCount: whole.errors.length,
        warnings: whole.warnings,
        warningCount: whole.warnings.length,
      });
    });
  }

  it("keeps each row's values by column name for storage", async () => {
    const { batches } = await streamed(fixture("activity-report.csv"), 1000);
    const deposit = batches.flatMap((batch) => batch.rows).find((row) => row.values["Trans Code"] === "ACH");
    expect(deposit).toMatchObject({ use: "unused", values: { Amount: "$500.00" } });
  });

  it("lists the first errors in row order and counts them all", async () => {
    const header =
      '"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"';
    const bad =
      '"13/45/2023","9/11/2023","9/12/2023","ACME","ACME 9/15/2023 Put $20.00","STO","1","$0.42","$41.98"';
    const text = [header, ...Array.from({ length: 250 }, () => bad)].join("\n");
    const summary = await streamCsvImport({ file: text, maxErrors: 100 });
    expect(summary.errorCount).toBe(250);
    expect(summary.errors.map((error) => error.row)).toEqual(
      Array.from({ length: 100 }, (_, index) => index + 2),
    );
  });
});
