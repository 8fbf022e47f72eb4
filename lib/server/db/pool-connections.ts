import type pg from "pg";

/**
 * Every open connection of the app's pools, by PostgreSQL backend process id. Prisma's interactive
 * transaction runs on one pooled node-postgres client that Prisma does not expose; a statement
 * Prisma cannot send (`COPY … FROM STDIN`) finds that client here by asking the transaction for
 * `pg_backend_pid()`, and runs on it inside the same transaction (`transactionConnection`).
 */
// Kept on globalThis, not in this module: a production Next build may instantiate this module more
// than once (one copy per server bundle), while the one Prisma client (getDb) is shared by all of them,
// so a registry per module instance would miss the connections another instance's pool opened.
const registry = globalThis as unknown as { rollbookConnectionsByBackend?: Map<number, pg.PoolClient[]> };
registry.rollbookConnectionsByBackend ??= new Map<number, pg.PoolClient[]>();
const connectionsByBackend = registry.rollbookConnectionsByBackend;

function backendOf(client: pg.PoolClient): number | undefined {
  // Set by node-postgres from the server's BackendKeyData message once the connection is up.
  return (client as unknown as { processID?: number }).processID;
}

/** Records the pool's connections as they open and forgets them as they close. */
export function trackPoolConnections(pool: pg.Pool): pg.Pool {
  pool.on("connect", (client) => {
    const backend = backendOf(client);
    if (backend === undefined) return;
    connectionsByBackend.set(backend, [...(connectionsByBackend.get(backend) ?? []), client]);
  });
  pool.on("remove", (client) => {
    const backend = backendOf(client);
    if (backend === undefined) return;
    const remaining = (connectionsByBackend.get(backend) ?? []).filter((other) => other !== client);
    if (remaining.length === 0) connectionsByBackend.delete(backend);
    else connectionsByBackend.set(backend, remaining);
  });
  return pool;
}

/** The tracked connections served by one backend process (two only with two database servers). */
export function connectionsOfBackend(backend: number): readonly pg.PoolClient[] {
  return connectionsByBackend.get(backend) ?? [];
}
