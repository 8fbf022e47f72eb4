import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations } from "./paths";
import { readAppliedMigrations, readSchemaCatalog, type SchemaCatalog } from "./schema-catalog";
import { createTempDatabase, type TempDatabase, withConnection } from "./temp-database";
import { createTempProject, type TempProject } from "./temp-project";

/**
 * Each migration.sql has a down.sql beside it that undoes it. On one database, for each migration in
 * order: deploy it, roll it back the documented way (run down.sql, delete its _prisma_migrations
 * row), check the schema is exactly what it was before the migration, deploy it again and check the
 * schema is exactly what the first deploy made.
 */
const migrations = listMigrations();

describe("down.sql", () => {
  it.for(migrations.map((migration) => migration.name))("%s has a down.sql", (name) => {
    const migration = migrations.find((candidate) => candidate.name === name);
    expect(migration && existsSync(migration.downSql), `missing prisma/migrations/${name}/down.sql`).toBe(
      true,
    );
  });

  describe("up, down, up", () => {
    let database: TempDatabase;
    let project: TempProject;
    /** The catalog after the migrations before the current one (empty database at first). */
    let previous: SchemaCatalog;

    beforeAll(async () => {
      database = await createTempDatabase("down");
      project = await createTempProject();
      previous = await withConnection(database, readSchemaCatalog);
    });

    afterAll(async () => {
      await project?.remove();
      await database?.drop();
    });

    // In order: each step starts from the state the previous one left.
    it.for(migrations)(
      "$name: down.sql restores the previous schema and the migration re-applies identically",
      async (migration) => {
        expect(existsSync(migration.downSql), `missing ${migration.downSql}`).toBe(true);
        await project.addMigration(migration);

        const up = await project.prisma(["migrate", "deploy"], database.url);
        expect(up.code, up.output).toBe(0);
        const afterUp = await withConnection(database, readSchemaCatalog);
        expect(afterUp, "the migration changed nothing in the catalog").not.toEqual(previous);

        await withConnection(database, async (client) => {
          await client.query(await readFile(migration.downSql, "utf8"));
          await client.query("DELETE FROM _prisma_migrations WHERE migration_name = $1", [migration.name]);
        });
        const afterDown = await withConnection(database, readSchemaCatalog);
        expect(afterDown, "schema after down.sql vs before the migration").toEqual(previous);

        const again = await project.prisma(["migrate", "deploy"], database.url);
        expect(again.code, again.output).toBe(0);
        expect(again.stdout).toContain(migration.name);
        const afterUpAgain = await withConnection(database, readSchemaCatalog);
        expect(afterUpAgain, "schema after re-applying vs after the first apply").toEqual(afterUp);

        const applied = await withConnection(database, readAppliedMigrations);
        expect(applied.filter((row) => row.migration_name === migration.name)).toHaveLength(1);
        previous = afterUpAgain;
      },
    );
  });
});
