/**
 * One import and nothing else, run by `bench-import.ts` in a child process so its peak RSS
 * (`process.resourceUsage().maxRSS`, kept by the kernel) is the import's own: no simulator, no
 * generated history, no earlier import in the same heap. Prints one JSON line.
 *
 *   node --conditions=react-server --import tsx scripts/bench/import-child.ts <csv> <robinhood user id> [--with-prisma]
 * with DATABASE_URL set. `--with-prisma` first runs one query through a Prisma client, as a server
 * that also serves pages has done, so the baseline includes Prisma's query compiler.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";

const [file, robinhoodUserId, withPrisma] = z
  .tuple([z.string(), z.string()])
  .rest(z.literal("--with-prisma"))
  .parse(process.argv.slice(2));
// The import writes over connections of its own: a process that only imports never loads Prisma.
const connectionString = z.string().parse(process.env.DATABASE_URL);
const server = withPrisma ? await warmPrisma() : null;
try {
  const bytes = readFileSync(file);
  // What the process holds before the import: Node, the modules, the file's bytes (and Prisma).
  const baselineRss = process.memoryUsage().rss;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await importCsvFile({
    connectionString,
    robinhoodUserId,
    fileName: "bench-big.csv",
    text: bytes,
    // No allowance, and time for a machine shared with other work: this measures, it does not limit.
    limits: { bytesPerDay: Number.MAX_SAFE_INTEGER, writeTimeoutMs: 3_600_000 },
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      seconds,
      // This process's CPU time: on a busy machine, the part of the wall time that was the import's.
      cpuSeconds: (used.user + used.system) / 1e6,
      bytes: bytes.byteLength,
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
