import { describe, expect, it } from "vitest";
import { epochMs } from "@/lib/server/recompute/epoch-ms";

// `extract(epoch FROM t)` prints exact decimal seconds; the read turns them into the epoch
// milliseconds the driver's `Date` gave for the same timestamp: floor(seconds × 1000).

describe("epoch milliseconds of extract(epoch …) text", () => {
  it("reads whole and fractional seconds as the Date of the same instant", () => {
    expect(epochMs("1479729600.000000")).toBe(Date.parse("2016-11-21T12:00:00.000Z"));
    expect(epochMs("1479729600.123000")).toBe(Date.parse("2016-11-21T12:00:00.123Z"));
    expect(epochMs("1479729600")).toBe(1_479_729_600_000);
    expect(epochMs("1479729600.5")).toBe(1_479_729_600_500);
    expect(epochMs("0.000000")).toBe(0);
  });

  it("drops the part below the millisecond towards the past, as the Date did", () => {
    expect(epochMs("1479729600.123999")).toBe(1_479_729_600_123);
    expect(epochMs("-1.000500")).toBe(-1001);
    expect(epochMs("-1.000000")).toBe(-1000);
    expect(epochMs("-0.250000")).toBe(-250);
  });

  it("gives the Date's milliseconds for every instant of a range of years", () => {
    for (
      let ms = Date.parse("1960-01-01T00:00:00Z");
      ms < Date.parse("2100-01-01T00:00:00Z");
      ms += 604_799_937
    ) {
      const seconds = Math.trunc(ms / 1000);
      const rest = Math.abs(ms - seconds * 1000);
      const sign = ms < 0 && seconds === 0 ? "-" : "";
      const text = `${sign}${seconds}.${String(rest).padStart(3, "0")}000`;
      expect(epochMs(text)).toBe(ms);
    }
  });

  it("passes infinite timestamps through and refuses anything else", () => {
    expect(epochMs("Infinity")).toBe(Number.POSITIVE_INFINITY);
    expect(epochMs("-Infinity")).toBe(Number.NEGATIVE_INFINITY);
    for (const bad of ["", "-", ".", "12a", "1.2.3", "2016-11-21 12:00:00+00", "1e9"]) {
      expect(epochMs(bad), bad).toBeNaN();
    }
  });
});

describe("epoch milliseconds of a text's bytes", () => {
  it("reads no digit in a non-ASCII character", () => {
    // U+0131's low byte is the digit 1: read as UTF-8 it is no digit.
    expect(epochMs("1\u0131")).toBeNaN();
  });
});
