import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Database = ReturnType<typeof createPrismaClient>;

// Each client's connection string, so work that needs a connection of its own (an import's write
// transaction) reaches the same database as the client it was given.
const connectionStrings = new WeakMap<object, string>();

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
  connectionStrings.set(client, connectionString);
  return client;
}

/** The connection string `createPrismaClient` made this client with. */
export function connectionStringOf(db: Database): string {
  const connectionString = connectionStrings.get(db);
  if (connectionString === undefined)
    throw new Error("this database client was not made by createPrismaClient");
  return connectionString;
}
