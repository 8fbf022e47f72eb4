/**
 * Benchmark of the database side of an import: `npm run bench:import [-- --months 120 --traders 50]`.
 *
 * The simulated Robinhood writes a trader's activity report (a deterministic history of the given
 * length); the file is imported into a throwaway embedded PostgreSQL (or DATABASE_URL) and the
 * user's P&L is recomputed twice (the second run replaces every derived row). Prints rows and fills
 * per second for each step. Generating the file, and a small warm-up import, are not timed.
 *
 * Then a big import: `--traders` ten-year histories in one report, cut to the upload limit (20 MiB),
 * imported by a child process that does nothing else, so its peak RSS is the import's. The child runs
 * as the server runs the import: plain `node` with V8's default flags (no heap caps), the import code
 * bundled as a build bundles it (scripts/bench/bundle-import.ts), `importCsvFileInWorker` starting
 * the worker thread with its `resourceLimits`. `--child-prisma yes` warms a Prisma client in it
 * first, as a server serving pages has one; `--child-mode in-process` imports on the main thread,
 * as before the worker; `--child-heap-mb`/`--child-semi-space-mb` cap the whole child's heap as a
 * container's `NODE_OPTIONS` would. Printed beside it is the floor: the same rows loaded by
 * PostgreSQL's COPY (scripts/bench/copy-floor.ts).
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import { provideDatabase } from "@/lib/local-db/provide-database";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { startSimulator } from "@/simulator";
import { bundleImport } from "./bench/bundle-import";
import { measureCopyFloor } from "./bench/copy-floor";
import { cutToSize, longActivityReport } from "./bench/long-activity-report";
import { parseFlags } from "./bench/parse-flags";

const args = z
  .object({
    months: z.coerce.number().int().min(1).max(120).default(120),
    traders: z.coerce.number().int().min(0).max(200).default(50),
    /** Caps the importing child's V8 old generation (MB), as a memory-limited container does. */
    "child-heap-mb": z.coerce.number().int().min(16).optional(),
    /** Caps each of V8's two young-generation semi-spaces (MB), as `--max-semi-space-size` does. */
    "child-semi-space-mb": z.coerce.number().int().min(1).optional(),
    /** `yes`: the importing child first runs a query through Prisma, as a server serving pages has. */
    "child-prisma": z.enum(["yes", "no"]).default("no"),
    /** `worker` (the server's way) or `in-process` (the import on the child's main thread, as before). */
    "child-mode": z.enum(["worker", "in-process"]).default("worker"),
  })
  .parse(parseFlags(process.argv.slice(2)));

const BENCH_USER = "bench-import@rollbook.dev";
const WARM_UP_USER = "warm-up@rollbook.dev";
const simulator = await startSimulator({
  port: 0,
  users: [
    { username: BENCH_USER, password: "bench", flow: { kind: "direct" }, months: args.months },
    { username: WARM_UP_USER, password: "bench", flow: { kind: "direct" }, months: 3 },
  ],
});
const text = simulator.controls.activityReport(BENCH_USER);
const warmUpText = simulator.controls.activityReport(WARM_UP_USER);
await simulator.close();

const database = await provideDatabase({ purpose: "test" });
const db = createPrismaClient(database.env.DATABASE_URL);
try {
  // A first, small import and recompute warm up the connections and the code paths (not timed).
  const warmUpUser = randomUUID();
  await importCsvFile({ db, robinhoodUserId: warmUpUser, fileName: "warm-up.csv", text: warmUpText });
  await recomputeUserPnl({ db, robinhoodUserId: warmUpUser, trigger: "bench" });
  // A fresh Robinhood-style id per run, so a shared DATABASE_URL never mixes two runs.
  const robinhoodUserId = randomUUID();
  let started = performance.now();
  const result = await importCsvFile({ db, robinhoodUserId, fileName: "bench.csv", text });
  const importSeconds = (performance.now() - started) / 1000;
  if (result.status !== "imported") throw new Error(`import did not succeed: ${JSON.stringify(result)}`);
  console.log(
    `import: ${result.rows.toLocaleString("en-US")} rows (${(text.length / 1e6).toFixed(1)} MB, ${result.newExecutions} fills, ${result.newEvents} events) in ${importSeconds.toFixed(2)} s = ${rate(result.rows / importSeconds)} rows/s`,
  );
  for (const run of [1, 2]) {
    started = performance.now();
    const summary = await recomputeUserPnl({ db, robinhoodUserId, trigger: "bench" });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `recompute ${run}: ${summary.executions.toLocaleString("en-US")} fills into ${summary.lots.toLocaleString("en-US")} lots and ${summary.chains.toLocaleString("en-US")} chains in ${seconds.toFixed(2)} s = ${rate(summary.executions / seconds)} fills/s (load, compute and write ${summary.durationMs} ms of it; reconciliation ${summary.reconciles ? "holds" : "FAILS"})`,
    );
    if (!summary.reconciles) process.exitCode = 1;
  }
  if (args.traders > 0) await benchBigImport(database.env);
} finally {
  await db.$disconnect();
  await database.stop();
}

/** The big import in a child process, then the COPY floor of the rows it wrote. */
async function benchBigImport(env: { DATABASE_URL: string; DATABASE_ADMIN_URL: string }) {
  const file = cutToSize(longActivityReport({ traders: args.traders, months: 120 }), MAX_IMPORT_BYTES);
  const bundle = await bundleImport();
  const robinhoodUserId = randomUUID();
  const child = spawnSync(
    process.execPath,
    [
      ...(args["child-heap-mb"] ? [`--max-old-space-size=${args["child-heap-mb"]}`] : []),
      ...(args["child-semi-space-mb"] ? [`--max-semi-space-size=${args["child-semi-space-mb"]}`] : []),
      bundle.child,
      file,
      robinhoodUserId,
      "--worker-script",
      bundle.worker,
      "--prisma",
      args["child-prisma"],
      "--mode",
      args["child-mode"],
    ],
    {
      // Not this process's NODE_OPTIONS (tsx's loader): the child runs as `next start` would.
      env: { ...process.env, NODE_OPTIONS: "", DATABASE_URL: env.DATABASE_URL },
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (child.status !== 0) throw new Error(`the big import failed:\n${child.stderr}`);
  const measured = z
    .object({
      seconds: z.number(),
      cpuSeconds: z.number(),
      bytes: z.number(),
      baselineRss: z.number(),
      maxRss: z.number(),
      result: z.object({
        status: z.literal("imported"),
        rows: z.number(),
        newExecutions: z.number(),
        newEvents: z.number(),
      }),
    })
    .parse(JSON.parse(child.stdout.trim().split("\n").at(-1) ?? ""));
  const { result } = measured;
  console.log(
    `big import: ${result.rows.toLocaleString("en-US")} rows (${megabytes(measured.bytes)}, ${result.newExecutions.toLocaleString("en-US")} fills, ${result.newEvents.toLocaleString("en-US")} events) in ${measured.seconds.toFixed(2)} s = ${rate(result.rows / measured.seconds)} rows/s (${measured.cpuSeconds.toFixed(1)} s of CPU in the importing process); ${args["child-mode"] === "worker" ? "in a worker thread with its resourceLimits" : "on the main thread"}, peak RSS of the whole process ${megabytes(measured.maxRss)} (${megabytes(measured.baselineRss)} before the import: Node, modules, the file${args["child-prisma"] === "yes" ? ", a warm Prisma client" : ""}; the import added ${megabytes(measured.maxRss - measured.baselineRss)})${args["child-heap-mb"] ? `, V8's old generation capped at ${args["child-heap-mb"]} MB` : ""}${args["child-semi-space-mb"] ? `, semi-spaces at ${args["child-semi-space-mb"]} MB` : ""}`,
  );
  // The superuser's connection, to the database the import wrote to.
  const adminUrl = new URL(env.DATABASE_ADMIN_URL);
  adminUrl.pathname = new URL(env.DATABASE_URL).pathname;
  const floor = await measureCopyFloor({
    adminUrl: adminUrl.toString(),
    userId: userIdFromRobinhoodUserId(robinhoodUserId),
  });
  if ("skipped" in floor) console.log(`floor: not measured (${floor.skipped})`);
  else
    console.log(
      `floor: COPY of the same ${floor.rows.toLocaleString("en-US")} rows into tables with the same indexes in ${floor.seconds.toFixed(2)} s; the import takes ${(measured.seconds / floor.seconds).toFixed(1)}× that`,
    );
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function rate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
