import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const productionSecrets = {
  NODE_ENV: "production",
  DATABASE_URL: "postgresql://rollbook_app:pw@db.example:5432/rollbook",
  NEXTAUTH_SECRET: "x".repeat(40),
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
};

describe("parseEnv", () => {
  it("gives development working defaults for every secret", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env.NEXTAUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(Buffer.from(env.TOKEN_ENCRYPTION_KEY, "base64")).toHaveLength(32);
    expect(env.ROBINHOOD_API_URL).toBe("https://api.robinhood.com");
    expect(env.CRON_SECRET).toBeUndefined();
  });

  it("fails loudly in production, naming every missing secret", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /DATABASE_URL[\s\S]*NEXTAUTH_SECRET[\s\S]*TOKEN_ENCRYPTION_KEY/,
    );
  });

  it("accepts a complete production environment", () => {
    expect(parseEnv(productionSecrets).DATABASE_URL).toBe(productionSecrets.DATABASE_URL);
  });

  it("rejects an encryption key that is not 32 bytes", () => {
    expect(() =>
      parseEnv({ ...productionSecrets, TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") }),
    ).toThrow(/exactly 32 bytes/);
  });

  it("reads the daily import allowance as whole bytes, 200 MB by default, and refuses anything else", () => {
    expect(parseEnv({ NODE_ENV: "development" }).IMPORT_BYTES_PER_DAY).toBe(200 * 1024 * 1024);
    expect(parseEnv({ ...productionSecrets, IMPORT_BYTES_PER_DAY: "52428800" }).IMPORT_BYTES_PER_DAY).toBe(
      52_428_800,
    );
    for (const bad of ["50MB", "-1", "0", "1.5"])
      expect(() => parseEnv({ ...productionSecrets, IMPORT_BYTES_PER_DAY: bad })).toThrow(
        /IMPORT_BYTES_PER_DAY/,
      );
  });

  it("keeps 64 MB of rendered pages by default, none with 0, and refuses anything but whole megabytes", () => {
    expect(parseEnv(productionSecrets).PAGE_CACHE_MB).toBe(64);
    expect(parseEnv({ ...productionSecrets, PAGE_CACHE_MB: "0" }).PAGE_CACHE_MB).toBe(0);
    for (const bad of ["64MB", "-1", "1.5", "5000"])
      expect(() => parseEnv({ ...productionSecrets, PAGE_CACHE_MB: bad })).toThrow(/PAGE_CACHE_MB/);
  });

  it("treats empty variables as unset", () => {
    expect(() => parseEnv({ ...productionSecrets, NEXTAUTH_SECRET: "" })).toThrow(
      /NEXTAUTH_SECRET is required/,
    );
  });

  it("rejects a short cron secret", () => {
    expect(() => parseEnv({ CRON_SECRET: "short" })).toThrow(/CRON_SECRET/);
  });

  it("reads TRUSTED_PROXY_HOPS as a small whole number, 0 when unset", () => {
    expect(parseEnv(productionSecrets).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ ...productionSecrets, TRUSTED_PROXY_HOPS: "1" }).TRUSTED_PROXY_HOPS).toBe(1);
    expect(() => parseEnv({ ...productionSecrets, TRUSTED_PROXY_HOPS: "one" })).toThrow(
      /TRUSTED_PROXY_HOPS must be a whole number/,
    );
    expect(() => parseEnv({ ...productionSecrets, TRUSTED_PROXY_HOPS: "-1" })).toThrow(
      /TRUSTED_PROXY_HOPS must be 0 or more/,
    );
  });

  it("offers the demo by default in development, and in production only when DEMO_ENABLED says so", () => {
    expect(parseEnv({ NODE_ENV: "development" }).DEMO_ENABLED).toBe(true);
    expect(parseEnv(productionSecrets).DEMO_ENABLED).toBe(false);
    expect(parseEnv({ ...productionSecrets, DEMO_ENABLED: "true" }).DEMO_ENABLED).toBe(true);
    expect(parseEnv({ NODE_ENV: "development", DEMO_ENABLED: "false" }).DEMO_ENABLED).toBe(false);
    expect(() => parseEnv({ DEMO_ENABLED: "maybe" })).toThrow(/DEMO_ENABLED must be true or false/);
  });

  it("reads the sync schedule in whole minutes, 15 while options trade and 60 otherwise by default", () => {
    const env = parseEnv({ NODE_ENV: "development" });
    expect(env).toMatchObject({
      SYNC_INTERVAL_OPEN_MINUTES: 15,
      SYNC_INTERVAL_CLOSED_MINUTES: 60,
      SYNC_BACKOFF_MAX_MINUTES: 360,
      SYNC_CONCURRENCY: 2,
    });
    expect(
      parseEnv({ ...productionSecrets, SYNC_INTERVAL_OPEN_MINUTES: "5" }).SYNC_INTERVAL_OPEN_MINUTES,
    ).toBe(5);
    expect(() => parseEnv({ ...productionSecrets, SYNC_INTERVAL_CLOSED_MINUTES: "0.5" })).toThrow(
      /SYNC_INTERVAL_CLOSED_MINUTES must be a whole number of minutes/,
    );
    expect(() => parseEnv({ ...productionSecrets, SYNC_CONCURRENCY: "0" })).toThrow(/SYNC_CONCURRENCY/);
  });
});
