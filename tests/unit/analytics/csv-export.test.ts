import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "@/lib/export/csv-line";
import { csvStream } from "@/lib/export/csv-stream";

describe("CSV lines", () => {
  it("quotes commas, quotes and line breaks, and keeps decimals exactly as given", () => {
    expect(csvLine(["AAPL", "-1234.56780000", null, 'say "hi", ok'])).toBe(
      'AAPL,-1234.56780000,,"say ""hi"", ok"\r\n',
    );
  });

  it("defuses text a spreadsheet would run as a formula, but not negative numbers", () => {
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("@SUM")).toBe("'@SUM");
    expect(csvField("-12.5")).toBe("-12.5");
    expect(csvField("-x")).toBe("'-x");
  });
});

describe("a CSV stream", () => {
  async function* pages(count: number, reads: number[]) {
    for (let page = 0; page < count; page++) {
      reads.push(page);
      yield [[`row-${page}`, page]];
    }
  }

  it("writes the header, every page and the trailer", async () => {
    const reads: number[] = [];
    const bytes = await new Response(
      csvStream({ header: ["name", "n"], pages: pages(3, reads), trailer: () => [["Total", 3]] }),
    ).arrayBuffer();
    // A byte-order mark first, kept by the decoder here so the test sees it.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toBe("\uFEFFname,n\r\nrow-0,0\r\nrow-1,1\r\nrow-2,2\r\nTotal,3\r\n");
  });

  it("reads a page only when the reader asks for more", async () => {
    const reads: number[] = [];
    const reader = csvStream({ header: ["name", "n"], pages: pages(1000, reads) }).getReader();
    await reader.read();
    await reader.read();
    expect(reads).toEqual([0]);
    await reader.cancel();
  });
});
