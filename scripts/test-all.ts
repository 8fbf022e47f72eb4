// `npm test`: the whole suite — lint, types, unit, integration (real PostgreSQL) and end-to-end
// (production build, real Chromium). One throwaway database serves the database-backed steps.
// `tsx scripts/test-all.ts <step id>...` runs some of them (e.g. `integration`, `build e2e`); arguments
// after `--` go to the last step's runner (e.g. `build e2e -- a11y.spec.ts` runs one spec file).
import { provideDatabase } from "@/lib/local-db/provide-database";
import { startSimulator } from "@/simulator";
import { findChromium } from "./find-chromium";
import { runChild } from "./run-child";

type Step = { id: string; name: string; command: string; args: string[]; needsDatabase?: boolean };

const allSteps: Step[] = [
  { id: "generate", name: "prisma generate", command: "node_modules/.bin/prisma", args: ["generate"] },
  { id: "lint", name: "lint", command: "node_modules/.bin/biome", args: ["check", "."] },
  { id: "typecheck", name: "typecheck", command: "node_modules/.bin/tsc", args: ["--noEmit"] },
  { id: "unit", name: "unit tests", command: "node_modules/.bin/vitest", args: ["run", "--project", "unit"] },
  {
    id: "integration",
    name: "integration tests",
    command: "node_modules/.bin/vitest",
    args: ["run", "--project", "integration"],
    needsDatabase: true,
  },
  { id: "build", name: "build", command: "node_modules/.bin/next", args: ["build"], needsDatabase: true },
  {
    id: "e2e",
    name: "end-to-end tests",
    command: "node_modules/.bin/playwright",
    args: ["test"],
    needsDatabase: true,
  },
];

const separator = process.argv.indexOf("--", 2);
const requested = process.argv.slice(2, separator === -1 ? undefined : separator);
const passThrough = separator === -1 ? [] : process.argv.slice(separator + 1);
const unknown = requested.filter((id) => !allSteps.some((step) => step.id === id));
if (unknown.length > 0) {
  console.error(
    `Unknown step(s): ${unknown.join(", ")}. Steps: ${allSteps.map((step) => step.id).join(", ")}`,
  );
  process.exit(2);
}
const chosen = requested.length === 0 ? allSteps : allSteps.filter((step) => requested.includes(step.id));
const steps = chosen.map((step, index) =>
  index === chosen.length - 1 ? { ...step, args: [...step.args, ...passThrough] } : step,
);

// Production builds refuse to start without secrets; these exist only for the test run.
const testSecrets = {
  NEXTAUTH_SECRET: "test-only-nextauth-secret-000000000000000",
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  CRON_SECRET: "test-only-cron-secret-0000",
};

const chromium = steps.some((step) => step.id === "e2e") ? await findChromium() : undefined;
const database = steps.some((step) => step.needsDatabase)
  ? await provideDatabase({ purpose: "test", log: (line) => console.log(`[test] ${line}`) })
  : { env: {}, stop: async () => {} };
// The demo account signs in to a simulated Robinhood whose history ends now, as in `npm run dev`: the
// app reads the real clock, so a history fixed in the past would see every demo contract expire and
// leave the Risk page empty. The seed is fixed; specs that need exact figures read the simulator's
// seed and "now" from its control endpoint.
const simulator = steps.some((step) => step.id === "e2e")
  ? await startSimulator({ port: 0, now: new Date().toISOString() })
  : undefined;
const results: { name: string; ok: boolean; seconds: number }[] = [];
try {
  for (const step of steps) {
    console.log(`\n=== ${step.name} ===`);
    const started = Date.now();
    const env = {
      ...process.env,
      ...(step.needsDatabase ? { ...database.env, ...testSecrets } : {}),
      // Real sign-in also goes to the simulator here: Robinhood itself is out of reach in tests. The
      // production build offers the demo only when DEMO_ENABLED says so.
      ...(simulator
        ? { DEMO_ROBINHOOD_URL: simulator.url, ROBINHOOD_API_URL: simulator.url, DEMO_ENABLED: "true" }
        : {}),
      ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
      NEXT_TELEMETRY_DISABLED: "1",
    };
    const code = await runChild({ command: step.command, args: step.args, env });
    results.push({ name: step.name, ok: code === 0, seconds: (Date.now() - started) / 1000 });
    if (code !== 0) break;
  }
} finally {
  await simulator?.close();
  await database.stop();
}

console.log("\n=== summary ===");
for (const result of results)
  console.log(`${result.ok ? "ok  " : "FAIL"} ${result.name} (${result.seconds.toFixed(1)} s)`);
const failed = results.filter((result) => !result.ok).length + (steps.length - results.length);
console.log(`${results.filter((result) => result.ok).length} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
