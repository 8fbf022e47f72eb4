import { provideDatabase } from "@/lib/local-db/provide-database";

/**
 * Gives the integration tests a real, migrated PostgreSQL: an embedded throwaway server, or the one
 * DATABASE_URL names. Workers inherit DATABASE_URL (app role), MIGRATION_DATABASE_URL (owner) and
 * DATABASE_ADMIN_URL (superuser, for tests that create their own databases).
 */
export default async function setup() {
  const database = await provideDatabase({ purpose: "test" });
  Object.assign(process.env, database.env);
  return async () => {
    await database.stop();
  };
}
