// @ts-check
// The one place that reads process.env. Plain JavaScript so next.config.js can import it and a missing
// production secret fails `next build` and `next start` with a clear message, not the first request.
import { z } from "zod";

/** @param {boolean} isProduction */
function buildSchema(isProduction) {
  /** Secrets have development defaults so `npm run dev` needs no set-up; production must set them. */
  const secret = (/** @type {string} */ name, /** @type {string} */ devDefault) =>
    isProduction
      ? z
          .string({ error: `${name} is required in production` })
          .min(32, `${name} must be at least 32 characters`)
      : z.string().min(32, `${name} must be at least 32 characters`).default(devDefault);

  return z.object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    /** The app's connection: a non-superuser role, so row-level security applies. */
    DATABASE_URL: isProduction
      ? z.url({ error: "DATABASE_URL is required in production (a postgres:// connection string)" })
      : z.url({ error: "DATABASE_URL must be a postgres:// connection string" }).optional(),
    NEXTAUTH_SECRET: secret("NEXTAUTH_SECRET", "development-only-nextauth-secret-0123456789"),
    NEXTAUTH_URL: z.url().optional(),
    /** 32 bytes, base64: the AES-256-GCM key that encrypts Robinhood tokens at rest. */
    TOKEN_ENCRYPTION_KEY: isProduction
      ? z
          .base64({ error: "TOKEN_ENCRYPTION_KEY is required in production (32 bytes, base64-encoded)" })
          .refine(isThirtyTwoBytes, "TOKEN_ENCRYPTION_KEY must decode to exactly 32 bytes")
      : z
          .base64()
          .refine(isThirtyTwoBytes, "TOKEN_ENCRYPTION_KEY must decode to exactly 32 bytes")
          .default("ZGV2ZWxvcG1lbnQtb25seS10b2tlbi1rZXktMzJieXQ="),
    /** The cron route refuses every request while this is unset. */
    CRON_SECRET: z.string().min(16, "CRON_SECRET must be at least 16 characters").optional(),
    ROBINHOOD_API_URL: z.url().default("https://api.robinhood.com"),
    /** Base URL of the simulated Robinhood that backs the demo account; unset disables the demo. */
    DEMO_ROBINHOOD_URL: z.url().optional(),
    /**
     * How many reverse proxies you run in front of Rollbook that append the address they received a
     * request from to X-Forwarded-For (lib/server/auth/client-address.ts). The per-address sign-in
     * limit counts the entry that many places from the right; 0 means none.
     */
    TRUSTED_PROXY_HOPS: z.coerce
      .number({ error: "TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when there is none)" })
      .int("TRUSTED_PROXY_HOPS must be a whole number of proxies (0 when there is none)")
      .min(0, "TRUSTED_PROXY_HOPS must be 0 or more")
      .max(10, "TRUSTED_PROXY_HOPS must be at most 10")
      .default(0),
    /**
     * Whether visitors may open demo accounts (each gets a short-lived user of their own). On by
     * default in development and tests; a production server offers the demo only when this is true.
     */
    DEMO_ENABLED: z.stringbool({ error: "DEMO_ENABLED must be true or false" }).default(!isProduction),
    /** Bytes of CSV one user may upload for import per UTC day (every upload counts, refused or not). */
    IMPORT_BYTES_PER_DAY: z.coerce
      .number({ error: "IMPORT_BYTES_PER_DAY must be a whole number of bytes" })
      .int("IMPORT_BYTES_PER_DAY must be a whole number of bytes")
      .positive("IMPORT_BYTES_PER_DAY must be positive")
      .default(200 * 1024 * 1024),
    /** Minutes between scheduled syncs of a user while US options trade (09:30–16:15 New York). */
    SYNC_INTERVAL_OPEN_MINUTES: minutes("SYNC_INTERVAL_OPEN_MINUTES", 15),
    /** Minutes between scheduled syncs of a user at any other time (nights, weekends, holidays). */
    SYNC_INTERVAL_CLOSED_MINUTES: minutes("SYNC_INTERVAL_CLOSED_MINUTES", 60),
    /** Longest wait after scheduled syncs of a user failed in a row (the backoff doubles up to it). */
    SYNC_BACKOFF_MAX_MINUTES: minutes("SYNC_BACKOFF_MAX_MINUTES", 360),
    /** Users one cron tick syncs at the same time. */
    SYNC_CONCURRENCY: z.coerce
      .number({ error: "SYNC_CONCURRENCY must be a whole number of users" })
      .int("SYNC_CONCURRENCY must be a whole number of users")
      .min(1, "SYNC_CONCURRENCY must be at least 1")
      .max(32, "SYNC_CONCURRENCY must be at most 32")
      .default(2),
    /**
     * Megabytes of rendered pages a production server keeps in memory to answer repeated requests
     * (lib/server/page-cache); 0 renders every request.
     */
    PAGE_CACHE_MB: z.coerce
      .number({ error: "PAGE_CACHE_MB must be a whole number of megabytes" })
      .int("PAGE_CACHE_MB must be a whole number of megabytes")
      .min(0, "PAGE_CACHE_MB must be 0 or more")
      .max(4096, "PAGE_CACHE_MB must be at most 4096")
      .default(64),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  });
}

/**
 * A whole number of minutes between 1 and a week.
 * @param {string} name
 * @param {number} fallback
 */
function minutes(name, fallback) {
  const message = `${name} must be a whole number of minutes from 1 to 10080`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(1, message)
    .max(10_080, message)
    .default(fallback);
}

/** @typedef {z.infer<ReturnType<typeof buildSchema>>} Env */

/**
 * Parses an environment. Exported for tests; the app uses `env`.
 * @param {Record<string, string | undefined>} source
 * @returns {Env}
 */
export function parseEnv(source) {
  const result = buildSchema(source.NODE_ENV === "production").safeParse(emptyAsUnset(source));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return result.data;
}

/** @param {string} value */
function isThirtyTwoBytes(value) {
  return Buffer.from(value, "base64").length === 32;
}

/** @param {Record<string, string | undefined>} source */
function emptyAsUnset(source) {
  return Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
}

/** @type {Env | undefined} */
let cached;

/** The validated environment of this process, parsed once. */
export function getEnv() {
  cached ??= parseEnv(process.env);
  return cached;
}
