import { existsSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { fixtureFor, fixturesDir, listMigrations, type Migration, readFixtureSql } from "./paths";
import { countRows, readAppliedMigrations } from "./schema-catalog";
import { createTempDatabase, withConnection } from "./temp-database";
import { createTempProject } from "./temp-project";

/**
 * Every migration after the first is applied to a database that holds realistic rows at the previous
 * migration: tests/fixtures/migrations/<migration>/before.sql inserts them (at least one row in every
 * table), the migration is deployed with `prisma migrate deploy`, every table keeps its row count
 * (unless the fixture's expected-row-counts.json says otherwise) and after.sql, run in a transaction
 * that is rolled back, raises if a check fails.
 */
const migrations = listMigrations();
const upgrades = migrations
  .slice(1)
  .map((migration, index) => ({ migration, previous: migrations.slice(0, index + 1) }));

describe("data fixtures", () => {
  it.for(upgrades.map(({ migration }) => migration.name))("%s has before.sql and after.sql", (name) => {
    const fixture = fixtureFor({ name } as Migration);
    expect(existsSync(fixture.beforeSql), `missing ${fixture.beforeSql}`).toBe(true);
    expect(existsSync(fixture.afterSql), `missing ${fixture.afterSql}`).toBe(true);
  });

  it("exist only for migrations after the first", () => {
    const expected = new Set(upgrades.map(({ migration }) => migration.name));
    const stale = existsSync(fixturesDir)
      ? readdirSync(fixturesDir, { withFileTypes: true })
          .filter((entry) => entry.isDirectory() && !expected.has(entry.name))
          .map((entry) => entry.name)
      : [];
    expect(stale, "fixture folders that match no migration after the first").toEqual([]);
  });
});

describe("upgrading a database that holds data", () => {
  it.for(upgrades)(
    "$migration.name keeps the rows written at the previous migration",
    async ({ migration, previous }) => {
      const fixture = fixtureFor(migration);
      expect(
        existsSync(fixture.beforeSql) && existsSync(fixture.afterSql),
        `no fixture in ${fixture.dir}`,
      ).toBe(true);
      const database = await createTempDatabase("upgrade");
      const project = await createTempProject({ migrations: previous });
      try {
        const setUp = await project.prisma(["migrate", "deploy"], database.url);
        expect(setUp.code, setUp.output).toBe(0);

        const countsBefore = await withConnection(database, async (client) => {
          await client.query(await readFixtureSql(fixture.beforeSql));
          return countRows(client);
        });
        const emptyTables = Object.entries(countsBefore)
          .filter(([, count]) => count === 0)
          .map(([table]) => table);
        expect(emptyTables, "tables before.sql leaves empty").toEqual([]);

        await project.addMigration(migration);
        const upgrade = await project.prisma(["migrate", "deploy"], database.url);
        expect(upgrade.code, upgrade.output).toBe(0);
        expect(upgrade.stdout).toContain(migration.name);

        await withConnection(database, async (client) => {
          const applied = await readAppliedMigrations(client);
          expect(applied.at(-1)).toMatchObject({ migration_name: migration.name, finished: true });

          const overrides: Record<string, number> = existsSync(fixture.expectedRowCounts)
            ? JSON.parse(await readFile(fixture.expectedRowCounts, "utf8"))
            : {};
          const countsAfter = await countRows(client);
          const expected = { ...countsBefore, ...overrides };
          const actual = Object.fromEntries(
            Object.keys(expected).map((table) => [table, countsAfter[table]]),
          );
          expect(actual, "row counts after the migration").toEqual(expected);

          await client.query("BEGIN");
          try {
            await client.query(await readFile(fixture.afterSql, "utf8"));
          } finally {
            await client.query("ROLLBACK");
          }
        });
      } finally {
        await project.remove();
        await database.drop();
      }
    },
  );
});
