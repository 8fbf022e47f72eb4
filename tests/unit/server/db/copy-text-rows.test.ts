import { describe, expect, it } from "vitest";
import { CopyTextRows, copyLineFields } from "@/lib/server/db/copy-text-rows";

describe("copyLineFields", () => {
  it("decodes the escapes PostgreSQL prints, and NULL", () => {
    expect(copyLineFields("a\\tb\t\\N\tc\\\\d\t\\b\\f\\v\\n\\r")).toEqual([
      "a\tb",
      null,
      "c\\d",
      "\b\f\v\n\r",
    ]);
  });
});

describe("CopyTextRows", () => {
  const text = "1\tJosé\t\\N\n2\ta\\nb\t€5\n";

  it("reads the rows whatever the pieces, even cut inside a character", () => {
    const bytes = Buffer.from(text, "utf8");
    for (let cut = 0; cut <= bytes.length; cut++) {
      const rows = new CopyTextRows();
      rows.push(bytes.subarray(0, cut));
      rows.push(bytes.subarray(cut));
      expect(rows.end()).toEqual([
        ["1", "José", null],
        ["2", "a\nb", "€5"],
      ]);
    }
  });

  it("refuses a text that ends inside a row", () => {
    const rows = new CopyTextRows();
    rows.push(Buffer.from("1\tx\n2\t"));
    expect(() => rows.end()).toThrow("a COPY ended inside a row");
  });
});
