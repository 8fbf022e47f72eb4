import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { connectOwner, testDatabaseUrls, truncateAll } from "@/tests/support/test-database";

export interface CountingDatabase {
  /** The schema owner, for seeding past row-level security and for truncating. */
  readonly owner: Awaited<ReturnType<typeof connectOwner>>;
  /** The app's client on the app role, counting every SQL statement it sends. */
  readonly db: Database;
  /** Statements `db` has sent since the last `resetQueries`. */
  readonly queries: number;
  resetQueries(): void;
}

/**
 * Registers the hooks of a test file that counts the statements the app sends: a client of its own
 * (so no other file's traffic is counted) and empty tables before each test.
 */
export function setUpCountingDatabase(): CountingDatabase {
  let owner: Awaited<ReturnType<typeof connectOwner>> | undefined;
  let db: Database | undefined;
  let queries = 0;
  beforeAll(async () => {
    owner = await connectOwner();
    const client = new PrismaClient({
      adapter: new PrismaPg({ connectionString: testDatabaseUrls().appUrl, max: 4 }),
      log: [{ emit: "event", level: "query" }],
    });
    client.$on("query", () => {
      queries++;
    });
    db = client as unknown as Database;
  });
  afterAll(async () => {
    await db?.$disconnect();
    await owner?.end();
  });
  beforeEach(() => truncateAll(required(owner)));
  return {
    get owner() {
      return required(owner);
    },
    get db() {
      return required(db);
    },
    get queries() {
      return queries;
    },
    resetQueries() {
      queries = 0;
    },
  };
}

function required<T>(value: T | undefined): T {
  if (value === undefined)
    throw new Error("the counting database is set up in beforeAll; use it inside a test");
  return value;
}
