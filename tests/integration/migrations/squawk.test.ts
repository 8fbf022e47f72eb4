import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listMigrations, repoRoot, squawkBin } from "./paths";

const execFileAsync = promisify(execFile);
const config = path.join(repoRoot, ".squawk.toml");

type SquawkResult = { code: number; output: string };

/** squawk with the project's .squawk.toml; exit code 1 on any warning. */
async function squawk(files: string[]): Promise<SquawkResult> {
  try {
    const { stdout, stderr } = await execFileAsync(
      squawkBin,
      ["--config", config, "--reporter", "gcc", ...files],
      {
        cwd: repoRoot,
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === "number" ? failed.code : -1,
      output: `${failed.stdout}${failed.stderr}`,
    };
  }
}

describe("squawk", () => {
  it.for(listMigrations().map((migration) => migration.name))(
    "finds nothing to warn about in %s",
    async (name) => {
      const result = await squawk([path.join("prisma/migrations", name, "migration.sql")]);
      expect(result.output.trim(), "squawk warnings (see docs/MIGRATIONS.md, Review)").toBe("");
      expect(result.code).toBe(0);
    },
  );

  describe("with the project's configuration", () => {
    let scratch: string;

    beforeAll(async () => {
      scratch = await mkdtemp(path.join(tmpdir(), "rollbook-squawk-"));
    });

    afterAll(async () => {
      if (scratch) await rm(scratch, { recursive: true, force: true });
    });

    it("still fails a migration that would lock a busy table", async () => {
      // Rules the exclusions must not have switched off: a NOT NULL column without a default on an
      // existing table, and a blocking index build, with no lock or statement timeout.
      const file = path.join(scratch, "migration.sql");
      await writeFile(
        file,
        'ALTER TABLE "users" ADD COLUMN "plan" TEXT NOT NULL;\nCREATE INDEX "users_plan_idx" ON "users"("plan");\n',
      );
      const result = await squawk([file]);
      expect(result.code).toBe(1);
      for (const rule of [
        "adding-required-field",
        "require-concurrent-index-creation",
        "require-lock-timeout",
        "require-statement-timeout",
      ]) {
        expect(result.output).toContain(rule);
      }
    });
  });
});
