import { readFileSync } from "node:fs";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";

const db = createPrismaClient("postgres://x:y@127.0.0.1:1/z");
const bytes = readFileSync(".data/bench/activity-50x120m.csv");
const m = process.memoryUsage();
console.log(
  typeof importCsvFile,
  "rss",
  (m.rss / 1e6).toFixed(0),
  "heapTotal",
  (m.heapTotal / 1e6).toFixed(0),
  "heapUsed",
  (m.heapUsed / 1e6).toFixed(0),
  "external",
  (m.external / 1e6).toFixed(0),
  bytes.length,
);
await db.$disconnect();
