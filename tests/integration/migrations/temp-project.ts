import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { listMigrations, type Migration, migrationsDir, schemaPath } from "./paths";
import { type PrismaResult, runPrisma } from "./prisma-cli";

export type TempProject = {
  dir: string;
  configPath: string;
  migrationsDir: string;
  schemaPath: string;
  /** Copies a migration folder from the repository into this project's migrations. */
  addMigration: (migration: Migration) => Promise<void>;
  /** Runs the Prisma CLI with this project's config against `databaseUrl`. */
  prisma: (args: string[], databaseUrl: string) => Promise<PrismaResult>;
  listMigrations: () => Migration[];
  remove: () => Promise<void>;
};

export type CreateTempProjectOptions = {
  /** Migrations copied in at the start (default none). */
  migrations?: Migration[];
  /** The schema to use (copied); defaults to prisma/schema.prisma. */
  schemaSource?: string;
};

/**
 * A throwaway Prisma project under the OS temp dir: a prisma.config.mjs (a plain object: nothing to
 * resolve from outside the repository), a copy of the schema and a migrations folder holding the
 * chosen migrations, so a database can be brought to any point of the history with the real
 * `prisma migrate deploy`, and `migrate dev` can write migrations without touching the repository.
 */
export async function createTempProject(options: CreateTempProjectOptions = {}): Promise<TempProject> {
  const dir = await mkdtemp(path.join(tmpdir(), "rollbook-migrations-"));
  const projectMigrations = path.join(dir, "migrations");
  const projectSchema = path.join(dir, "schema.prisma");
  const configPath = path.join(dir, "prisma.config.mjs");
  await cp(options.schemaSource ?? schemaPath, projectSchema);
  await cp(
    path.join(migrationsDir, "migration_lock.toml"),
    path.join(projectMigrations, "migration_lock.toml"),
  );
  const config = {
    schema: projectSchema,
    migrations: { path: projectMigrations },
  };
  await writeFile(
    configPath,
    `export default { ...${JSON.stringify(config)}, datasource: { url: process.env.MIGRATION_DATABASE_URL ?? "" } };\n`,
  );

  const addMigration = (migration: Migration) =>
    cp(migration.dir, path.join(projectMigrations, migration.name), { recursive: true });
  for (const migration of options.migrations ?? []) await addMigration(migration);

  return {
    dir,
    configPath,
    migrationsDir: projectMigrations,
    schemaPath: projectSchema,
    addMigration,
    prisma: (args, databaseUrl) => runPrisma([...args, "--config", configPath], { databaseUrl, cwd: dir }),
    listMigrations: () => listMigrations(projectMigrations),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
