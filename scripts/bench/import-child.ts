/**
 * One import and nothing else, run by `bench-import.ts` in a child process so its peak RSS
 * (`process.resourceUsage().maxRSS`, kept by the kernel for the whole process, worker threads
 * included) is the import's own: no simulator, no generated history, no earlier import in the same
 * heap. Prints one JSON line.
 *
 *   node .data/bench/bundle/import-child.mjs <csv> <robinhood user id> --worker-script <bundle>
 *     [--prisma yes] [--mode worker|in-process] [--worker-old-mb N --worker-young-mb N]
 * with DATABASE_URL set: `bench-import.ts` bundles this file and `import-worker.ts` as a build
 * does and runs the bundle with plain `node`, no flags, as `next start` runs (it also runs from
 * source: `node --conditions=react-server --import tsx scripts/bench/import-child.ts …`). The import runs as the server runs it: `importCsvFileInWorker`, a worker
 * thread with `IMPORT_WORKER_LIMITS` (or the given caps), started from a main thread with Node's
 * default flags. `--prisma yes` first runs one query through a Prisma client, as a server that also
 * serves pages has done, so the baseline includes Prisma's query compiler. `--mode in-process` runs
 * `importCsvFile` on the main thread instead (how imports ran before the worker).
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { IMPORT_WORKER_LIMITS, importCsvFileInWorker } from "@/lib/server/imports/import-in-worker";
import { parseFlags } from "./parse-flags";

const [file, robinhoodUserId, ...rest] = process.argv.slice(2);
const flags = z
  .object({
    prisma: z.enum(["yes", "no"]).default("no"),
    mode: z.enum(["worker", "in-process"]).default("worker"),
    "worker-old-mb": z.coerce.number().int().min(16).optional(),
    "worker-young-mb": z.coerce.number().int().min(1).optional(),
    /** The bundled worker; without it the worker runs `import-worker.ts` from source through tsx. */
    "worker-script": z.string().optional(),
  })
  .parse(parseFlags(rest));
// The import writes over connections of its own: a process that only imports never loads Prisma.
const connectionString = z.string().parse(process.env.DATABASE_URL);
const server = flags.prisma === "yes" ? await warmPrisma() : null;
try {
  const bytes = readFileSync(z.string().parse(file));
  const byteCount = bytes.byteLength;
  // What the process holds before the import: Node, the modules, the file's bytes (and Prisma).
  const baselineRss = process.memoryUsage().rss;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const options = {
    connectionString,
    robinhoodUserId: z.string().parse(robinhoodUserId),
    fileName: "bench-big.csv",
    // Moved to the worker: `bytes` is empty afterwards.
    text: bytes,
    // No allowance, and time for a machine shared with other work: this measures, it does not limit.
    limits: { bytesPerDay: Number.MAX_SAFE_INTEGER, writeTimeoutMs: 3_600_000 },
  };
  const result =
    flags.mode === "in-process"
      ? await (await import("@/lib/server/imports/import-csv-file")).importCsvFile(options)
      : await importCsvFileInWorker({
          ...options,
          workerScript: flags["worker-script"] ? pathToFileURL(flags["worker-script"]) : undefined,
          resourceLimits: {
            ...IMPORT_WORKER_LIMITS,
            maxOldGenerationSizeMb: flags["worker-old-mb"] ?? IMPORT_WORKER_LIMITS.maxOldGenerationSizeMb,
            maxYoungGenerationSizeMb:
              flags["worker-young-mb"] ?? IMPORT_WORKER_LIMITS.maxYoungGenerationSizeMb,
          },
        });
  const seconds = (performance.now() - started) / 1000;
  // `process.cpuUsage()` counts every thread of the process, the worker's included.
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      seconds,
      // This process's CPU time: on a busy machine, the part of the wall time that was the import's.
      cpuSeconds: (used.user + used.system) / 1e6,
      bytes: byteCount,
      baselineRss,
      maxRss: process.resourceUsage().maxRSS * 1024,
      result: { ...result, warnings: undefined },
    }),
  );
} finally {
  await server?.$disconnect();
}

async function warmPrisma() {
  const { createPrismaClient } = await import("@/lib/server/db/create-prisma-client");
  const db = createPrismaClient(connectionString);
  await db.$queryRaw`SELECT 1`;
  return db;
}
