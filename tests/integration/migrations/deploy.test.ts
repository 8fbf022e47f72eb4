import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations } from "./paths";
import { runPrisma } from "./prisma-cli";
import { countRows, readAppliedMigrations } from "./schema-catalog";
import { createTempDatabase, type TempDatabase, withConnection } from "./temp-database";

const migrationNames = listMigrations().map((migration) => migration.name);

describe("prisma migrate deploy on an empty database", () => {
  let database: TempDatabase;

  beforeAll(async () => {
    database = await createTempDatabase("deploy");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("applies every migration in prisma/migrations, in order, and records each as finished", async () => {
    const result = await runPrisma(["migrate", "deploy"], { databaseUrl: database.url });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("All migrations have been successfully applied.");

    const applied = await withConnection(database, readAppliedMigrations);
    expect(applied.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of applied) {
      expect(row, row.migration_name).toMatchObject({ finished: true, rolled_back: false });
    }
  });

  it("reports the database up to date with prisma migrate status", async () => {
    const result = await runPrisma(["migrate", "status"], { databaseUrl: database.url });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("Database schema is up to date!");
  });

  it("does nothing on a second deploy: no pending migrations, no new rows in _prisma_migrations", async () => {
    const before = await withConnection(database, readAppliedMigrations);
    const result = await runPrisma(["migrate", "deploy"], { databaseUrl: database.url });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("No pending migrations to apply.");
    expect(await withConnection(database, readAppliedMigrations)).toEqual(before);
  });

  it("migrate reset --force empties the database and applies every migration again", async () => {
    await withConnection(database, async (client) => {
      // Any table will do: reset must drop data it did not create itself.
      await client.query("CREATE TABLE reset_marker (id int)");
    });
    const result = await runPrisma(["migrate", "reset", "--force"], { databaseUrl: database.url });
    expect(result.code, result.output).toBe(0);
    await withConnection(database, async (client) => {
      expect((await readAppliedMigrations(client)).map((row) => row.migration_name)).toEqual(migrationNames);
      expect(Object.keys(await countRows(client))).not.toContain("reset_marker");
    });
  });
});

describe("prisma migrate status on a database that is behind", () => {
  let database: TempDatabase;

  beforeAll(async () => {
    database = await createTempDatabase("status");
  });

  afterAll(async () => {
    await database?.drop();
  });

  it("exits 1 and names every unapplied migration", async () => {
    const result = await runPrisma(["migrate", "status"], { databaseUrl: database.url });
    expect(result.code, result.output).toBe(1);
    expect(result.stdout).toContain("not yet been applied");
    for (const name of migrationNames) expect(result.stdout).toContain(name);
  });
});
