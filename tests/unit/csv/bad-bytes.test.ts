import { describe, expect, it } from "vitest";
import { badBytesReason, CsvFileError, importRobinhoodCsv, readRecords } from "@/lib/robinhood/csv";

const HEADER =
  '"Activity Date","Process Date","Settle Date","Instrument","Description","Trans Code","Quantity","Price","Amount"';
const GOOD =
  '"9/11/2023","9/11/2023","9/12/2023","ACME","ACME 9/15/2023 Put $20.00","STO","1","$0.42","$41.98"';

/** A report as bytes: the header, then each row's bytes, one per line. */
function report(...rows: (string | Uint8Array)[]): Uint8Array {
  const parts = [HEADER, ...rows].map((row) =>
    typeof row === "string" ? Buffer.from(row) : Buffer.from(row),
  );
  return Buffer.concat(parts.flatMap((part) => [part, Buffer.from("\n")]));
}

/** GOOD with `bytes` in place of its Description's "ACME" root. */
function withBytesInDescription(bytes: number[]): Uint8Array {
  const [before, after] = GOOD.split('"ACME 9/15');
  return Buffer.concat([Buffer.from(`${before}"`), Buffer.from(bytes), Buffer.from(` 9/15${after}`)]);
}

describe("bytes that are not text", () => {
  it("a NUL byte is a row error naming the row, line and column, and the other rows still import", () => {
    const result = importRobinhoodCsv(report(GOOD, withBytesInDescription([0x41, 0x00, 0x42]), GOOD));
    expect(result.errors).toEqual([
      {
        row: 3,
        line: 3,
        column: "Description",
        reason: "has a NUL byte (0x00) at byte 2 of the field; text never holds one",
      },
    ]);
    expect(result.rows.map((row) => row.use)).toEqual(["execution", "error", "execution"]);
  });

  it("invalid UTF-8 (a Latin-1 é) is a row error that says where and what to do", () => {
    const result = importRobinhoodCsv(report(withBytesInDescription([0x43, 0x61, 0x66, 0xe9])));
    expect(result.errors).toEqual([
      {
        row: 2,
        line: 2,
        column: "Description",
        reason: "is not UTF-8 text: byte 0xE9 at byte 4 of the field (save the file as UTF-8)",
      },
    ]);
  });

  it("a field cut inside a multi-byte character, a lone continuation byte and a control character are errors", () => {
    expect(badBytesReason(Buffer.from([0x41, 0xe2, 0x82]))).toBe(
      "is not UTF-8 text: byte 0xE2 at byte 2 of the field (save the file as UTF-8)",
    );
    expect(badBytesReason(Buffer.from([0x41, 0x80]))).toMatch(/byte 0x80 at byte 2/);
    expect(badBytesReason(Buffer.from([0xc0, 0xaf]))).toMatch(/not UTF-8 text: byte 0xC0 at byte 1/);
    expect(badBytesReason(Buffer.from("a\u0007b"))).toBe(
      "has the control character 0x07 at byte 2 of the field",
    );
  });

  it("tabs, line breaks and any valid UTF-8 (accents, €, emoji, U+FFFD itself) are text", () => {
    for (const text of ["a\tb", "line\r\nnext", "Café €5 🚀", "\uFFFD"])
      expect(badBytesReason(Buffer.from(text))).toBeNull();
    expect(
      importRobinhoodCsv(report(GOOD.replace(`"ACME","ACME 9/15`, `"ACMÉ €","ACME 9/15`))).errors,
    ).toEqual([]);
  });

  it("every bad field of a row is listed, in any column, and a bad byte in a trailer row is an error too", () => {
    const row = Buffer.concat([
      Buffer.from('"9/11/2023","9/11/2023","9/12/2023","AC'),
      Buffer.from([0x00]),
      Buffer.from('ME","ACME 9/15/2023 Put $20.00","STO","1","$0.42","$41.'),
      Buffer.from([0xff]),
      Buffer.from('98"'),
    ]);
    const trailer = Buffer.concat([
      Buffer.from('"","","","","","","","","","The data'),
      Buffer.from([0x01]),
      Buffer.from('"'),
    ]);
    const result = importRobinhoodCsv(report(row, trailer));
    expect(result.errors.map(({ row: number, column }) => [number, column])).toEqual([
      [2, "Instrument"],
      [2, "Amount"],
      [3, "column 10"],
    ]);
  });

  it("a line number stays right after a multi-line field", () => {
    const multiLine =
      '"9/11/2023","9/11/2023","9/13/2023","ACME","ACME Corp\nCUSIP: 000000000\n1 ACME Option Assigned","Buy","100","$20.00","($2,000.00)"';
    const records = readRecords(report(multiLine, withBytesInDescription([0x00])));
    expect(records.map((record) => [record.row, record.line])).toEqual([
      [1, 1],
      [2, 2],
      [3, 5],
    ]);
    expect(records[2]?.byteErrors).toEqual([{ field: 4, reason: expect.stringMatching(/NUL byte/) }]);
  });

  it("a UTF-8 byte-order mark is skipped, and a UTF-16 file is refused whole with what to do", () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), report(GOOD)]);
    expect(importRobinhoodCsv(withBom).executions).toHaveLength(1);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n${GOOD}\n`, "utf16le")]);
    expect(() => importRobinhoodCsv(utf16)).toThrow(CsvFileError);
    expect(() => importRobinhoodCsv(utf16)).toThrow(/UTF-16.*save it as UTF-8/);
  });
});
