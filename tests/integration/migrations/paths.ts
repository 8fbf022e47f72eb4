import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const migrationsDir = path.join(repoRoot, "prisma/migrations");
export const schemaPath = path.join(repoRoot, "prisma/schema.prisma");
export const fixturesDir = path.join(repoRoot, "tests/fixtures/migrations");
export const prismaBin = path.join(repoRoot, "node_modules/.bin/prisma");
export const squawkBin = path.join(repoRoot, "node_modules/.bin/squawk");
export const schemaEngineStandIn = path.join(repoRoot, "scripts/prisma-schema-engine/schema-engine.mjs");

export type Migration = {
  /** Folder name, e.g. `20261126070913_create_schema`: the `migration_name` Prisma records. */
  name: string;
  dir: string;
  upSql: string;
  downSql: string;
};

/** The migration folders in the order Prisma applies them (by name). */
export function listMigrations(dir: string = migrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({
      name,
      dir: path.join(dir, name),
      upSql: path.join(dir, name, "migration.sql"),
      downSql: path.join(dir, name, "down.sql"),
    }));
}

export function fixtureFor(migration: Migration) {
  const dir = path.join(fixturesDir, migration.name);
  return {
    dir,
    beforeSql: path.join(dir, "before.sql"),
    afterSql: path.join(dir, "after.sql"),
    expectedRowCounts: path.join(dir, "expected-row-counts.json"),
    exists: existsSync(dir),
  };
}

const INCLUDE = /^-- include: (\S+)$/gm;

/**
 * A fixture's SQL, with each `-- include: <path>` line (relative to the file) replaced by that file's
 * SQL: a migration that leaves the earlier rows valid starts its before.sql from the previous one.
 */
export async function readFixtureSql(file: string): Promise<string> {
  const text = await readFile(file, "utf8");
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(INCLUDE)) {
    parts.push(text.slice(last, match.index));
    parts.push(await readFixtureSql(path.resolve(path.dirname(file), match[1] as string)));
    last = (match.index as number) + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.join("");
}
