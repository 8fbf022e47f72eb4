import "server-only";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { getDb } from "@/lib/server/db/db";

/**
 * The user's data version (bumped with every change pages read, lib/server/db/bump-data-version.ts),
 * or null when the user does not exist. One statement: `app_data_version` sets the row-level-security
 * context of its own transaction and reads the row by primary key.
 */
export async function readDataVersion(userId: string, db: Database = getDb()): Promise<string | null> {
  const rows = await db.$queryRaw<{ version: string | null }[]>`
    SELECT app_data_version(${userId}::uuid)::text AS version`;
  return rows[0]?.version ?? null;
}
