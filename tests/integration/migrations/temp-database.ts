import { randomBytes } from "node:crypto";
import pg from "pg";

export type TempDatabase = {
  name: string;
  /** Superuser connection string to the temporary database. */
  url: string;
  connect: () => Promise<pg.Client>;
  drop: () => Promise<void>;
};

/** The harness's superuser connection to the test server's `postgres` database. */
export function adminUrl(): string {
  const url = process.env.DATABASE_ADMIN_URL;
  if (!url) {
    throw new Error(
      "Migration tests need DATABASE_ADMIN_URL (a superuser URL to a PostgreSQL server's `postgres` database); " +
        "the integration global setup provides it.",
    );
  }
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * An empty database of its own on the test server, named `<purpose>_<pid>_<random>`. Drop it in
 * afterAll; `drop()` disconnects whatever is still connected.
 */
export async function createTempDatabase(purpose: string): Promise<TempDatabase> {
  const name = `mig_${purpose}_${process.pid}_${randomBytes(4).toString("hex")}`;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid database name: ${name}`);
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = withDatabase(adminUrl(), name);
  return {
    name,
    url,
    connect: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    },
    drop: () =>
      withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** Runs `fn` with a connection to `database`, closing it afterwards. */
export async function withConnection<T>(
  database: TempDatabase,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T> {
  const client = await database.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
