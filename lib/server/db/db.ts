import "server-only";
import { getEnv } from "@/lib/env";
import { createPrismaClient, type Database } from "./create-prisma-client";

const globalForDb = globalThis as unknown as { rollbookDb?: Database };

/** The process's one Prisma client, cached on globalThis so dev hot reloads do not open new pools. */
export function getDb(): Database {
  if (globalForDb.rollbookDb) return globalForDb.rollbookDb;
  const { DATABASE_URL } = getEnv();
  if (!DATABASE_URL) {
    throw new Error("DATABASE_URL is not set. Start Rollbook with `npm run dev`, which provides a database.");
  }
  const db = createPrismaClient(DATABASE_URL);
  globalForDb.rollbookDb = db;
  return db;
}
