import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaPath } from "./paths";
import { runPrisma } from "./prisma-cli";
import { createTempDatabase, type TempDatabase } from "./temp-database";

// `--from-migrations` replays prisma/migrations into a shadow database, which the engine creates
// (and drops) next to the database in MIGRATION_DATABASE_URL; that database itself is not touched.
const diffArgs = (schema: string) => [
  "migrate",
  "diff",
  "--from-migrations",
  "prisma/migrations",
  "--to-schema",
  schema,
  "--exit-code",
];

describe("schema.prisma and prisma/migrations describe the same database", () => {
  let database: TempDatabase;
  let scratch: string;

  beforeAll(async () => {
    database = await createTempDatabase("drift");
    scratch = await mkdtemp(path.join(tmpdir(), "rollbook-drift-"));
  });

  afterAll(async () => {
    await database?.drop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("prisma migrate diff finds no difference (exit code 0)", async () => {
    const result = await runPrisma(diffArgs("prisma/schema.prisma"), { databaseUrl: database.url });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toContain("No difference detected.");
  });

  it("the same check fails with exit code 2 when the schema has a change no migration makes", async () => {
    const schema = await readFile(schemaPath, "utf8");
    const drifted = `${schema}\nmodel DriftProbe {\n  id    Int    @id\n  label String\n\n  @@map("drift_probe")\n}\n`;
    const driftedPath = path.join(scratch, "schema.prisma");
    await writeFile(driftedPath, drifted);

    const result = await runPrisma(diffArgs(driftedPath), { databaseUrl: database.url });
    expect(result.code, result.output).toBe(2);
    expect(result.stdout).toContain("drift_probe");
  });
});
