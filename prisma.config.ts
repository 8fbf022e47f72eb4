import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

// Prisma 7 does not load .env files, and `env()` from "prisma/config" throws when a variable is unset,
// which would break `prisma generate` on machines without a database. Read process.env directly:
// MIGRATION_DATABASE_URL (the schema owner, allowed to run DDL) wins over DATABASE_URL (the app's role);
// empty counts as unset.
const url = process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL || "";
const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL || undefined;

// The CLI downloads a native schema engine on every command, which fails offline. Point it at the
// Node + Wasm stand-in unless the caller chose a binary; set it to an empty string to let Prisma use
// its own (downloaded) engine. See docs/MIGRATIONS.md.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  "scripts/prisma-schema-engine/schema-engine.mjs",
);

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: shadowDatabaseUrl ? { url, shadowDatabaseUrl } : { url },
});
