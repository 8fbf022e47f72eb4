import { describe, expect, it } from "vitest";
import { parseMoney, parseOptionDescription, parseQuantity, parseUsDate } from "@/lib/robinhood/csv";

describe("CSV field parsers", () => {
  it("reads M/D/YYYY, the re-saved M/D/YY and zero-padded dates, and rejects impossible ones", () => {
    expect(parseUsDate("7/5/2023")).toEqual({ ok: true, value: "2023-07-05" });
    expect(parseUsDate("11/28/23")).toEqual({ ok: true, value: "2023-11-28" });
    expect(parseUsDate("02/12/2026")).toEqual({ ok: true, value: "2026-02-12" });
    expect(parseUsDate(" 12/18/2018 ")).toEqual({ ok: true, value: "2018-12-18" });
    expect(parseUsDate("2/30/2023").ok).toBe(false);
    expect(parseUsDate("2023-07-05").ok).toBe(false);
  });

  it("reads $ amounts with thousands commas, parentheses for negatives and trailing spaces", () => {
    expect(parseMoney("$9.99")).toEqual({ ok: true, value: "9.99" });
    expect(parseMoney("$1,229.92 ")).toEqual({ ok: true, value: "1229.92" });
    expect(parseMoney("($30,000.00)")).toEqual({ ok: true, value: "-30000.00" });
    expect(parseMoney("")).toEqual({ ok: true, value: null });
    expect(parseMoney("($1.00").ok).toBe(false);
    expect(parseMoney("$1.2x").ok).toBe(false);
  });

  it("reads the S suffix as a flag, never as part of the number", () => {
    expect(parseQuantity("1S")).toEqual({ ok: true, value: { value: "1", reduces: true } });
    expect(parseQuantity("68")).toEqual({ ok: true, value: { value: "68", reduces: false } });
    expect(parseQuantity("0.078306")).toEqual({ ok: true, value: { value: "0.078306", reduces: false } });
    expect(parseQuantity("")).toEqual({ ok: true, value: null });
    expect(parseQuantity("1X").ok).toBe(false);
  });

  it("reads option descriptions, with the expiration prefix and a thousands comma in the strike", () => {
    expect(parseOptionDescription("Option Expiration for AMZN 12/31/2021 Call $3,395.00")).toEqual({
      ok: true,
      value: {
        root: "AMZN",
        expiration: "2021-12-31",
        optionType: "call",
        strike: "3395",
        prefix: "Option Expiration for ",
      },
    });
    expect(parseOptionDescription("TSLA 4/21/2023 Call $191.67")).toMatchObject({
      ok: true,
      value: { strike: "191.67" },
    });
    expect(parseOptionDescription("NIO\nCUSIP: 62914V106").ok).toBe(false);
  });
});
