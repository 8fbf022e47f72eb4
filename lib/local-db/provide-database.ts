import { createHash, randomBytes } from "node:crypto";
import { accessSync, constants, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { prepareDatabase, runPrisma } from "./prepare-database";
import { startLocalPostgres } from "./start-local-postgres";

export type ProvideDatabaseOptions = {
  /** `dev` keeps its data under .data/; `test` uses a throwaway server. */
  purpose: "dev" | "test";
  log?: (message: string) => void;
};

export type ProvidedDatabase = {
  /** Variables to hand to the app, the tests and the Prisma CLI. */
  env: { DATABASE_URL: string; MIGRATION_DATABASE_URL: string; DATABASE_ADMIN_URL: string };
  embedded: boolean;
  stop: () => Promise<void>;
};

const repoRoot = path.resolve(import.meta.dirname, "../..");

/**
 * The database for `npm run dev` and the tests. With DATABASE_URL set, that database is migrated and
 * used; otherwise an embedded PostgreSQL is started and prepared, and `stop()` shuts it down.
 */
export async function provideDatabase(options: ProvideDatabaseOptions): Promise<ProvidedDatabase> {
  const log = options.log ?? (() => {});
  const external = process.env.DATABASE_URL;
  if (external) {
    const ownerUrl = process.env.MIGRATION_DATABASE_URL || external;
    log("Using DATABASE_URL; applying migrations with prisma migrate deploy");
    await runPrisma(["migrate", "deploy"], { MIGRATION_DATABASE_URL: ownerUrl });
    return {
      env: {
        DATABASE_URL: external,
        MIGRATION_DATABASE_URL: ownerUrl,
        DATABASE_ADMIN_URL: process.env.DATABASE_ADMIN_URL || ownerUrl,
      },
      embedded: false,
      stop: async () => {},
    };
  }

  const dataDir =
    options.purpose === "dev"
      ? devDataDir()
      : path.join(tmpdir(), `rollbook-test-${process.pid}-${randomBytes(4).toString("hex")}`, "postgres");
  const started = Date.now();
  const server = await startLocalPostgres({ dataDir, persistent: options.purpose === "dev" });
  try {
    const databaseName = options.purpose === "dev" ? "rollbook" : "rollbook_test";
    const prepared = await prepareDatabase({ adminUrl: server.adminUrl, databaseName });
    log(`Embedded PostgreSQL on port ${server.port} ready in ${Date.now() - started} ms (${dataDir})`);
    return {
      env: {
        DATABASE_URL: prepared.appUrl,
        MIGRATION_DATABASE_URL: prepared.ownerUrl,
        DATABASE_ADMIN_URL: server.adminUrl,
      },
      embedded: true,
      stop: async () => {
        await server.stop();
        if (options.purpose === "test") await rm(path.dirname(dataDir), { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * Dev data lives in the git-ignored .data/ folder. As root, PostgreSQL runs as the `postgres` user,
 * which must be able to reach the folder; when a parent (such as /root) is closed to it, the data
 * goes to /var/tmp instead, under a name derived from the checkout's path.
 */
function devDataDir(): string {
  const preferred = path.join(repoRoot, ".data", "postgres");
  if (userInfo().uid !== 0 || parentsTraversableByOthers(repoRoot)) return preferred;
  const key = createHash("sha256").update(repoRoot).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `rollbook-${key}`, "postgres");
}

function parentsTraversableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      accessSync(current, constants.F_OK);
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    if (path.dirname(current) === current) return true;
  }
}
