import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createPrismaClient, type Database } from "@/lib/server/db/create-prisma-client";

/** Connection strings the integration global setup provides. */
export function testDatabaseUrls() {
  const appUrl = process.env.DATABASE_URL;
  const ownerUrl = process.env.MIGRATION_DATABASE_URL;
  if (!appUrl || !ownerUrl) throw new Error("Integration tests need the global setup's database");
  return { appUrl, ownerUrl };
}

/** A Prisma client connected as the app's role, subject to row-level security like the app. */
export function createAppDb(options: { maxConnections?: number } = {}): Database {
  return createPrismaClient(testDatabaseUrls().appUrl, options);
}

/** A plain connection as the schema owner, for set-up and for looking past row-level security. */
export async function connectOwner(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrls().ownerUrl });
  await client.connect();
  return client;
}

/** The two connections most integration test files hold: the schema owner and the app's client. */
export interface TestDatabases {
  owner: pg.Client;
  db: Database;
}

/** How a file's databases are set up. */
export interface TestDatabasesOptions {
  /**
   * Empty every table before each test. The hook is registered first, so a file's own `beforeEach`
   * (seeding, say) runs after it, on empty tables.
   */
  emptyBeforeEach?: boolean;
  /** Pool size of the app's client, for files that run that many transactions at once. */
  maxConnections?: number;
}

/**
 * Opens both connections before a file's tests and closes them after (and, when asked, empties the
 * tables before each test); fields are set by `beforeAll`.
 */
export function setUpTestDatabases(options: TestDatabasesOptions = {}): TestDatabases {
  const databases = {} as TestDatabases;
  beforeAll(async () => {
    databases.owner = await connectOwner();
    databases.db = createAppDb({ maxConnections: options.maxConnections });
  });
  afterAll(async () => {
    await databases.db.$disconnect();
    await databases.owner.end();
  });
  if (options.emptyBeforeEach) beforeEach(() => truncateAll(databases.owner));
  return databases;
}

/** Empties every table but the migrations record. */
export async function truncateAll(owner: pg.Client): Promise<void> {
  const { rows } = await owner.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
  );
  if (rows.length === 0) return;
  await owner.query(`TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(", ")} CASCADE`);
}

/** Counts rows of every table that has a user_id, looking past row-level security. */
export async function countRowsByUser(owner: pg.Client): Promise<Map<string, number>> {
  const tables = await userOwnedTables(owner);
  const counts = new Map<string, number>();
  for (const table of tables) {
    const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts.set(table, rows[0]?.n ?? 0);
  }
  return counts;
}

/**
 * The user-owned tables that hold any row, with their counts: `[]` when nothing any user owns is
 * left (after a deletion, a refused import, a failed sync). A failure names the tables.
 */
export async function userTablesWithRows(owner: pg.Client): Promise<[string, number][]> {
  return [...(await countRowsByUser(owner)).entries()].filter(([, count]) => count > 0);
}

export async function userOwnedTables(owner: pg.Client): Promise<string[]> {
  const { rows } = await owner.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name = 'user_id' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}
