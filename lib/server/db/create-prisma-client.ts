import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { rememberConnectionString } from "./connection-strings";
import { trackPoolConnections } from "./pool-connections";

export type Database = ReturnType<typeof createPrismaClient>;

/**
 * A Prisma client over node-postgres. Robinhood tokens are omitted from every query unless a caller
 * asks for them by name, so they cannot leak into a page by accident. The pool is ours and tracked,
 * so bulk writes can `COPY` on a transaction's own connection (`copyRows`).
 */
export function createPrismaClient(connectionString: string, options: { maxConnections?: number } = {}) {
  const pool = trackPoolConnections(new pg.Pool({ connectionString, max: options.maxConnections ?? 10 }));
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  const client = new PrismaClient({
    adapter,
    omit: { robinhoodCredential: { accessTokenEncrypted: true, refreshTokenEncrypted: true } },
  });
  rememberConnectionString(client, connectionString);
  return client;
}
