import { existsSync, readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations, migrationsDir } from "./paths";
import { runPrisma } from "./prisma-cli";
import { readAppliedMigrations } from "./schema-catalog";
import { createTempDatabase, type TempDatabase, withConnection } from "./temp-database";
import { createTempProject, type TempProject } from "./temp-project";

describe("the Prisma CLI with the offline schema engine", () => {
  it("prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY at the stand-in when it is unset", async () => {
    const result = await runPrisma(["version"], { env: { PRISMA_SCHEMA_ENGINE_BINARY: undefined } });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/Schema Engine\s*:.*scripts\/prisma-schema-engine\/schema-engine\.mjs/);
  });

  it("prisma validate accepts prisma/schema.prisma", async () => {
    const result = await runPrisma(["validate"]);
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("is valid");
  });

  describe("in a scratch copy of the project", () => {
    let database: TempDatabase;
    let project: TempProject;
    const repoMigrationsBefore = readdirSync(migrationsDir).sort();

    beforeAll(async () => {
      database = await createTempDatabase("cli");
      project = await createTempProject({ migrations: listMigrations() });
      // Generated code goes into the scratch project, not lib/generated.
      const schema = await readFile(project.schemaPath, "utf8");
      await writeFile(
        project.schemaPath,
        schema.replace(/output\s*=\s*"[^"]*"/, 'output = "./generated/prisma"'),
      );
    });

    afterAll(async () => {
      await project?.remove();
      await database?.drop();
    });

    it("prisma generate writes the client", async () => {
      const result = await project.prisma(["generate"], database.url);
      expect(result.code, result.output).toBe(0);
      expect(existsSync(path.join(project.dir, "generated/prisma/client.ts"))).toBe(true);
    });

    it("prisma format rewrites a schema in place", async () => {
      const first = await project.prisma(["format"], database.url);
      expect(first.code, first.output).toBe(0);
      const formatted = await readFile(project.schemaPath, "utf8");
      await writeFile(project.schemaPath, formatted.replace(/^model User \{/m, "model   User   {"));
      const second = await project.prisma(["format"], database.url);
      expect(second.code, second.output).toBe(0);
      expect(await readFile(project.schemaPath, "utf8")).toBe(formatted);
    });

    it("migrate dev --create-only writes a new migration for a schema change without applying it", async () => {
      const schema = await readFile(project.schemaPath, "utf8");
      await writeFile(
        project.schemaPath,
        schema.replace(/^(\s*displayName\s+String\?.*)$/m, "$1\n  timezone String?"),
      );

      const result = await project.prisma(
        ["migrate", "dev", "--create-only", "--name", "add_user_timezone"],
        database.url,
      );
      expect(result.code, result.output).toBe(0);

      const created = project
        .listMigrations()
        .filter((migration) => migration.name.endsWith("_add_user_timezone"));
      expect(created, result.output).toHaveLength(1);
      const [migration] = created;
      if (!migration) throw new Error("unreachable");
      expect(await readFile(migration.upSql, "utf8")).toMatch(
        /ALTER TABLE "users" ADD COLUMN\s+"timezone" TEXT/,
      );

      const applied = await withConnection(database, readAppliedMigrations);
      expect(applied.map((row) => row.migration_name)).not.toContain(migration.name);
      expect(readdirSync(migrationsDir).sort(), "prisma/migrations must not change").toEqual(
        repoMigrationsBefore,
      );
    });

    it("migrate dev applies it", async () => {
      const result = await project.prisma(["migrate", "dev"], database.url);
      expect(result.code, result.output).toBe(0);
      const names = project.listMigrations().map((migration) => migration.name);
      const applied = await withConnection(database, readAppliedMigrations);
      // Every migration, the new one included. Compared as sets: the new one is named after the
      // clock, so it can sort before a migration whose prefix was reserved ahead of time (the
      // project's prefixes order parallel branches), while migrate dev applies it last.
      expect(applied.map((row) => row.migration_name).sort()).toEqual([...names].sort());
      const { rows } = await withConnection(database, (client) =>
        client.query(
          "SELECT 1 FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'timezone'",
        ),
      );
      expect(rows).toHaveLength(1);
    });
  });
});
