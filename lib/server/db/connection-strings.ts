import { getEnv } from "@/lib/env";

// Each database client's connection string, so work that needs a connection of its own (an
// import's transactions) reaches the same database as the client it was given. Kept apart from
// the client's module, so such work does not load Prisma.
// On globalThis for the same reason as the pool registry (pool-connections.ts): a production build may
// hold several instances of this module while sharing one database client.
const registry = globalThis as unknown as { rollbookConnectionStrings?: WeakMap<object, string> };
registry.rollbookConnectionStrings ??= new WeakMap<object, string>();
const connectionStrings = registry.rollbookConnectionStrings;

export function rememberConnectionString(client: object, connectionString: string): void {
  connectionStrings.set(client, connectionString);
}

/** The connection string `createPrismaClient` made this client with; the app's own without one. */
export function connectionStringOf(client?: object): string {
  if (client === undefined) {
    const { DATABASE_URL } = getEnv();
    if (!DATABASE_URL) throw new Error("DATABASE_URL is not set.");
    return DATABASE_URL;
  }
  const connectionString = connectionStrings.get(client);
  if (connectionString === undefined)
    throw new Error("this database client was not made by createPrismaClient");
  return connectionString;
}
