import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/server/logger";

/** The job; it gets the request for jobs that read search parameters (parse them with zod). */
export type CronHandler = (request: Request) => Promise<Record<string, unknown>>;

/**
 * Wraps a scheduled job's route: GET only (what Vercel cron and most schedulers send), a bearer
 * secret compared in constant time, refusal of every request while CRON_SECRET is unset, and one
 * structured log line with the job's counts and duration.
 */
export function withCron(name: string, handler: CronHandler) {
  return async function cronRoute(request: Request): Promise<Response> {
    const secret = getEnv().CRON_SECRET;
    if (!secret) {
      logger.warn({ cron: name }, "cron request refused: CRON_SECRET is not set");
      return Response.json({ error: "Cron is disabled: CRON_SECRET is not set" }, { status: 503 });
    }
    if (!isAuthorized(request.headers.get("authorization"), secret)) {
      return Response.json({ error: "Unauthorized" }, { status: 401 });
    }
    const started = Date.now();
    try {
      const result = await handler(request);
      logger.info({ cron: name, durationMs: Date.now() - started, ...result }, "cron finished");
      return Response.json({ ok: true, ...result });
    } catch (error) {
      logger.error({ cron: name, durationMs: Date.now() - started, err: error }, "cron failed");
      return Response.json({ ok: false, error: "The job failed; see the server log" }, { status: 500 });
    }
  };
}

/** Compares digests, so neither the length nor the content of the secret leaks through timing. */
export function isAuthorized(header: string | null, secret: string): boolean {
  const presented = header?.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(secret)) && presented.length > 0;
}
