import { spawn } from "node:child_process";
import { prismaBin, repoRoot, schemaEngineStandIn } from "./paths";

export type PrismaResult = {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for assertion messages. */
  output: string;
  durationMs: number;
};

export type RunPrismaOptions = {
  /** The database the command works on: MIGRATION_DATABASE_URL and DATABASE_URL for the child. */
  databaseUrl?: string;
  /** Defaults to the repository root, where prisma.config.ts is found. */
  cwd?: string;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
};

/**
 * Runs the project's Prisma CLI (node_modules/.bin/prisma) as a child process. Never rejects on a
 * non-zero exit: callers assert on `code`.
 */
export function runPrisma(args: string[], options: RunPrismaOptions = {}): Promise<PrismaResult> {
  const overrides: Record<string, string | undefined> = {
    // Configs written by the tests (temp projects) do not set it the way prisma.config.ts does.
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? schemaEngineStandIn,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
    NO_COLOR: "1",
    SHADOW_DATABASE_URL: undefined,
    MIGRATION_DATABASE_URL: options.databaseUrl,
    DATABASE_URL: options.databaseUrl,
    ...options.env,
  };
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(prismaBin, args, {
      cwd: options.cwd ?? repoRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 45_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({
        code,
        stdout,
        stderr,
        output: `$ prisma ${args.join(" ")}\n${stdout}${stderr}`,
        durationMs: Math.round(performance.now() - started),
      });
    });
  });
}
