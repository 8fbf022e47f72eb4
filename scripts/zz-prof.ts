import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { provideDatabase } from "@/lib/local-db/provide-database";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { longActivityReport } from "./bench/long-activity-report";

const file = longActivityReport({ traders: Number(process.argv[2] ?? 10), months: 120 });
const database = await provideDatabase({ purpose: "test" });
const db = createPrismaClient(database.env.DATABASE_URL);
try {
  const bytes = readFileSync(file);
  const cpu0 = process.cpuUsage();
  if (process.env.SNAP)
    setTimeout(() => {
      console.log("snapshot", require("node:v8").writeHeapSnapshot("/tmp/si/mid.heapsnapshot"));
    }, Number(process.env.SNAP));
  const t0 = performance.now();
  const result = await importCsvFile({
    db,
    robinhoodUserId: randomUUID(),
    fileName: "x.csv",
    text: bytes,
    limits: { bytesPerDay: 1e12 },
  });
  const cpu = process.cpuUsage(cpu0);
  console.log(
    result.status,
    (result as { rows?: number }).rows,
    "wall",
    ((performance.now() - t0) / 1000).toFixed(1),
    "cpu",
    ((cpu.user + cpu.system) / 1e6).toFixed(1),
    "maxRSS",
    (process.resourceUsage().maxRSS / 1024).toFixed(0),
    "MB",
  );
} finally {
  await db.$disconnect();
  await database.stop();
}
