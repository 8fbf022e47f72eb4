/**
 * One import and nothing else, run by `bench-import.ts` in a child process so its peak RSS
 * (`process.resourceUsage().maxRSS`, kept by the kernel) is the import's own: no simulator, no
 * generated history, no earlier import in the same heap. Prints one JSON line.
 *
 *   node --conditions=react-server --import tsx scripts/bench/import-child.ts <csv> <robinhood user id>
 * with DATABASE_URL set.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";

const [file, robinhoodUserId] = z.tuple([z.string(), z.string()]).parse(process.argv.slice(2));
const db = createPrismaClient(z.string().parse(process.env.DATABASE_URL));
try {
  const bytes = readFileSync(file);
  // What the process holds before the import: Node, the modules, Prisma, the file's bytes.
  const baselineRss = process.memoryUsage().rss;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = await importCsvFile({
    db,
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
  await db.$disconnect();
}
