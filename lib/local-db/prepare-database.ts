import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";

/** The non-superuser role the app connects as; row-level security applies to it. */
export const APP_ROLE = "rollbook_app";
const APP_ROLE_LOCAL_PASSWORD = "rollbook-app-local";

export type PrepareDatabaseOptions = {
  /** Superuser connection string to the server's maintenance database. */
  adminUrl: string;
  databaseName: string;
  /** Drop and recreate the database first (throwaway test databases). */
  recreate?: boolean;
};

export type PreparedDatabase = {
  /** Connection string for the app: the non-superuser role, subject to row-level security. */
  appUrl: string;
  /** Connection string of the owner, for migrations and test set-up. */
  ownerUrl: string;
};

/**
 * Creates the app role and the database when missing, then applies every migration with
 * `prisma migrate deploy`, the same command production runs.
 */
export async function prepareDatabase(options: PrepareDatabaseOptions): Promise<PreparedDatabase> {
  const { adminUrl, databaseName } = options;
  if (!/^[a-z_][a-z0-9_]*$/.test(databaseName)) throw new Error(`Invalid database name: ${databaseName}`);

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
          CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '${APP_ROLE_LOCAL_PASSWORD}' NOSUPERUSER NOBYPASSRLS;
        END IF;
      END $$;`);
    if (options.recreate) await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [databaseName]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${databaseName}`);
  } finally {
    await admin.end();
  }

  const ownerUrl = withDatabase(adminUrl, databaseName);
  await runPrisma(["migrate", "deploy"], { MIGRATION_DATABASE_URL: ownerUrl, DATABASE_URL: ownerUrl });

  const appUrl = new URL(ownerUrl);
  appUrl.username = APP_ROLE;
  appUrl.password = APP_ROLE_LOCAL_PASSWORD;
  return { appUrl: appUrl.toString(), ownerUrl };
}

export function withDatabase(connectionString: string, databaseName: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

export async function runPrisma(args: string[], env: Record<string, string>): Promise<string> {
  const bin = path.resolve(import.meta.dirname, "../../node_modules/.bin/prisma");
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(output);
      else reject(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output}`));
    });
  });
}
