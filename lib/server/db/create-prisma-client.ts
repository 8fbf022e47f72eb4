import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { rememberConnectionString } from "./connection-strings";

export type Database = ReturnType<typeof createPrismaClient>;

/**
 * A Prisma client over node-postgres. Robinhood tokens are omitted from every query unless a caller
 * asks for them by name, so they cannot leak into a page by accident.
 */
export function createPrismaClient(connectionString: string, options: { maxConnections?: number } = {}) {
  const adapter = new PrismaPg({ connectionString, max: options.maxConnections ?? 10 });
  const client = new PrismaClient({
    adapter,
    omit: { robinhoodCredential: { accessTokenEncrypted: true, refreshTokenEncrypted: true } },
  });
  rememberConnectionString(client, connectionString);
  return client;
}
