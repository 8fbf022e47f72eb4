import "server-only";
import { getDb } from "@/lib/server/db/db";
import packageJson from "@/package.json";

export type HealthReport = {
  status: "ok" | "degraded";
  app: { status: "ok"; version: string };
  database: { status: "connected" | "unreachable"; latencyMs?: number; error?: string };
};

/** Reports whether the app is up and the database reachable and migrated. Never throws. */
export async function checkHealth(): Promise<HealthReport> {
  const app = { status: "ok" as const, version: packageJson.version };
  const started = performance.now();
  try {
    const rows = await getDb().$queryRaw<{ applied: number }[]>`
      SELECT count(*)::int AS applied FROM pg_catalog.pg_class WHERE relname = 'users' AND relkind = 'r'`;
    const latencyMs = Math.round(performance.now() - started);
    const migrated = (rows[0]?.applied ?? 0) > 0;
    return {
      status: migrated ? "ok" : "degraded",
      app,
      database: migrated
        ? { status: "connected", latencyMs }
        : { status: "connected", latencyMs, error: "Schema missing: run `npm run db:migrate`" },
    };
  } catch {
    return {
      status: "degraded",
      app,
      database: { status: "unreachable", error: "Cannot reach the database" },
    };
  }
}
