import { describe, expect, it } from "vitest";
import { canonicalDecimal, divideIntegers, formatMinorUnits, formatReportMoney } from "@/lib/money";
import { DEVICE_TOKEN_PATTERN, generateDeviceToken } from "@/lib/robinhood/client";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, throttleWaitSeconds } from "@/lib/robinhood/client/retry";
import { normalizeDecimal } from "@/lib/robinhood/schemas";
import { contractDescription, totp, verifyTotp } from "@/simulator";
import { stockSaleFeeCents } from "@/simulator/history/lifecycle";
import { twoLegStrategy } from "@/simulator/history/strategies";
import type { SimContract } from "@/simulator/history/types";
import {
  dayFromIso,
  isoFromDay,
  isTradingDay,
  newYorkOffsetMinutes,
  nextTradingDay,
  weeklyExpiration,
} from "@/simulator/market/calendar";
import { stableId } from "@/simulator/market/ids";
import { createRng } from "@/simulator/market/prng";
import { occSymbol } from "@/simulator/wire/market-data";

describe("decimal strings from the API", () => {
  it.each([
    ["196", "196"],
    ["6.00000000000000000", "6.00000000000000000"],
    ["0E-8", "0.00000000"],
    ["1.5E+2", "150"],
    ["-0.80000000", "-0.80000000"],
    ["$6.85000000", "6.85000000"],
  ])("%s → %s", (raw, normalized) => {
    expect(normalizeDecimal(raw)).toBe(normalized);
  });
});

describe("retry policy", () => {
  it("reads the wait from DRF's throttle text first, then Retry-After (seconds or HTTP date)", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(
      throttleWaitSeconds({
        detail: "Request was throttled. Expected available in 14 seconds.",
        retryAfter: "99",
        now,
      }),
    ).toBe(14);
    expect(throttleWaitSeconds({ detail: "Request was throttled.", retryAfter: "7", now })).toBe(7);
    expect(throttleWaitSeconds({ detail: undefined, retryAfter: "Thu, 01 Jan 2026 00:00:30 GMT", now })).toBe(
      30,
    );
    expect(throttleWaitSeconds({ detail: undefined, retryAfter: null, now })).toBeUndefined();
  });

  it("backs off exponentially with equal jitter up to the cap", () => {
    const delays = [1, 2, 3, 4, 5, 6].map((attempt) =>
      backoffDelayMs(DEFAULT_RETRY_POLICY, attempt, () => 0.999999),
    );
    expect(delays).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000]);
    expect(backoffDelayMs(DEFAULT_RETRY_POLICY, 3, () => 0)).toBe(1_000);
  });
});

describe("device token", () => {
  it("is 16 random bytes as lowercase hex in UUID grouping", () => {
    const token = generateDeviceToken((length) => Uint8Array.from({ length }, (_, i) => i * 17));
    expect(token).toBe("00112233-4455-6677-8899-aabbccddeeff");
    const a = generateDeviceToken();
    expect(a).toMatch(DEVICE_TOKEN_PATTERN);
    expect(generateDeviceToken()).not.toBe(a);
  });
});

describe("TOTP", () => {
  it("matches the RFC 6238 SHA-1 test vector (last six digits of 94287082 at T=59)", () => {
    const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890" in base32
    expect(totp(secret, 59_000)).toBe("287082");
    expect(totp(secret, 1_111_111_109_000)).toBe("081804");
    expect(verifyTotp(secret, "287082", 59_000 + 30_000)).toBe(true);
    expect(verifyTotp(secret, "287082", 59_000 + 90_000)).toBe(false);
  });
});

describe("trading calendar (America/New_York)", () => {
  it("closes on NYSE holidays, observed dates and the 2025-01-09 day of mourning", () => {
    const closed = [
      "2025-01-01",
      "2025-01-09",
      "2025-01-20",
      "2025-04-18",
      "2025-06-19",
      "2025-07-04",
      "2025-11-27",
      "2025-12-25",
      "2026-04-03",
      "2026-07-03",
    ];
    for (const date of closed) expect(isTradingDay(dayFromIso(date)), date).toBe(false);
    for (const date of ["2025-01-08", "2025-04-17", "2026-07-02", "2026-11-18"])
      expect(isTradingDay(dayFromIso(date)), date).toBe(true);
    expect(isoFromDay(nextTradingDay(dayFromIso("2022-02-18")))).toBe("2022-02-22");
  });

  it("moves a holiday Friday expiry to Thursday and knows daylight saving time", () => {
    expect(isoFromDay(weeklyExpiration(dayFromIso("2025-04-14")))).toBe("2025-04-17");
    expect(isoFromDay(weeklyExpiration(dayFromIso("2025-01-13")))).toBe("2025-01-17");
    expect(newYorkOffsetMinutes(dayFromIso("2025-03-09"))).toBe(-240);
    expect(newYorkOffsetMinutes(dayFromIso("2025-03-08"))).toBe(-300);
    expect(newYorkOffsetMinutes(dayFromIso("2025-11-02"))).toBe(-300);
  });
});

describe("exact money formatting", () => {
  it("formats integer cents without floating point", () => {
    expect(formatMinorUnits(12_700, 2, 8)).toBe("127.00000000");
    expect(formatMinorUnits(-85, 2, 8)).toBe("-0.85000000");
    expect(canonicalDecimal(formatMinorUnits(25_400, 2, 2))).toBe("254");
    expect(canonicalDecimal(formatMinorUnits(8_450, 2, 2))).toBe("84.5");
    expect(formatReportMoney(formatMinorUnits(459_990, 2, 2))).toBe("$4,599.90");
    expect(formatReportMoney(formatMinorUnits(-3_000_000, 2, 2))).toBe("($30,000.00)");
    expect(formatReportMoney(formatMinorUnits(339_500, 2, 2))).toBe("$3,395.00");
    expect(divideIntegers(5, 2, "half-away-from-zero")).toBe(3);
    expect(divideIntegers(-5, 2, "half-away-from-zero")).toBe(-3);
    expect(() => formatMinorUnits(1.5, 2, 2)).toThrow();
  });

  it("charges the stock sale fee the report shows for 400 × $11.50 (10–11 cents)", () => {
    expect(stockSaleFeeCents(460_000, 400)).toBe(11);
  });
});

describe("naming and ids", () => {
  const contract = (type: "call" | "put", strike: number, expiry: string): SimContract => ({
    id: stableId(type, strike, expiry),
    symbol: "AAPL",
    chainId: stableId("chain", "AAPL"),
    type,
    strikeCents: strike * 100,
    expirationDay: dayFromIso(expiry),
    createdAtUs: 0,
  });

  it("names two-leg orders as traded (§3.2, §7.2)", () => {
    const jan250 = contract("call", 250, "2025-01-17");
    const feb250 = contract("call", 250, "2025-02-21");
    const feb255 = contract("call", 255, "2025-02-21");
    expect(twoLegStrategy({ contract: jan250, side: "buy" }, { contract: feb250, side: "sell" })).toBe(
      "short_call_calendar_spread",
    );
    expect(twoLegStrategy({ contract: feb250, side: "sell" }, { contract: feb255, side: "buy" })).toBe(
      "short_call_spread",
    );
    expect(twoLegStrategy({ contract: jan250, side: "buy" }, { contract: feb255, side: "sell" })).toBe(
      "custom",
    );
    const put245 = contract("put", 245, "2025-01-17");
    const put240 = contract("put", 240, "2025-01-17");
    expect(twoLegStrategy({ contract: put245, side: "sell" }, { contract: put240, side: "buy" })).toBe(
      "short_put_spread",
    );
    expect(twoLegStrategy({ contract: put245, side: "buy" }, { contract: put240, side: "sell" })).toBe(
      "long_put_spread",
    );
    expect(occSymbol(feb250)).toBe("AAPL  250221C00250000");
    expect(contractDescription({ ...feb250, strikeCents: 339_500 })).toBe("AAPL 2/21/2025 Call $3,395.00");
  });

  it("derives stable ids from names and reproducible ones from a seed", () => {
    expect(stableId("chain", "AAPL")).toBe(stableId("chain", "AAPL"));
    expect(stableId("chain", "AAPL")).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const a = createRng(1, "x");
    const b = createRng(1, "x");
    const c = createRng(2, "x");
    const draws = (rng: typeof a) => Array.from({ length: 5 }, () => rng.next());
    const first = draws(a);
    expect(draws(b)).toEqual(first);
    expect(draws(c)).not.toEqual(first);
    expect(first.every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
