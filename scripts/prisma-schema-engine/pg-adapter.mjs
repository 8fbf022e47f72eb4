// A migration-aware PostgreSQL driver adapter for the Wasm schema engine: @prisma/adapter-pg, plus the
// fixes the schema engine needs that the query-engine-oriented adapter does not provide.
//
// 1. Catalog types. The engine reads pg_catalog, whose `"char"` columns (OID 18, e.g.
//    pg_constraint.contype) adapter-pg rejects as unsupported, and which the engine expects as a
//    *character* column (it panics on text). `name` (OID 19) is retyped as text as well, so catalog
//    reads do not depend on adapter-pg's handling of it. A pg.Client subclass retypes those fields
//    after pg has parsed the values, and the adapter wrapper reports the former `"char"` columns as
//    ColumnTypeEnum.Character.
// 2. Scripts. adapter-pg's executeScript splits on every `;`, which breaks function bodies, DO blocks
//    and string literals, and sends the pieces to arbitrary pool connections. A migration script is
//    sent whole, as one simple-protocol query, like the native engine does: PostgreSQL runs it as
//    one implicit transaction. Its PostgreSQL error is kept, as the engine's report drops it.
// 3. Shadow database. adapter-pg builds the shadow pool from `{ connectionString, database }` (pg lets
//    the connection string win, so the "shadow" pool points at the main database) and drops the
//    shadow database before closing its pool (which fails while connections are open). Here the
//    shadow URL is derived from the main URL, the pool is closed first, then the database is dropped
//    WITH (FORCE). A configured `shadowDatabaseUrl` is used instead, after emptying it.

import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";

const CHAR_OID = 18;
const NAME_OID = 19;
const TEXT_OID = 25;

/** rows array of a pg result -> indexes of the columns that were `"char"` */
const charColumnsByRows = new WeakMap();

function retypeCatalogFields(result) {
  if (Array.isArray(result)) {
    for (const part of result) retypeCatalogFields(part);
    return result;
  }
  if (!result || !Array.isArray(result.fields)) return result;
  const charColumns = [];
  result.fields.forEach((field, index) => {
    if (field.dataTypeID === CHAR_OID) {
      field.dataTypeID = TEXT_OID;
      charColumns.push(index);
    } else if (field.dataTypeID === NAME_OID) {
      field.dataTypeID = TEXT_OID;
    }
  });
  if (charColumns.length > 0 && Array.isArray(result.rows)) charColumnsByRows.set(result.rows, charColumns);
  return result;
}

/** pg.Client whose query results report catalog-only types as types adapter-pg can decode. */
class CatalogAwareClient extends pg.Client {
  query(config, values, callback) {
    const cb = typeof values === "function" ? values : callback;
    const vals = typeof values === "function" ? undefined : values;
    if (typeof cb === "function") {
      return super.query(config, vals, (error, result) =>
        cb(error, error ? result : retypeCatalogFields(result)),
      );
    }
    const pending = super.query(config, vals);
    return typeof pending?.then === "function" ? pending.then(retypeCatalogFields) : pending;
  }
}

function withCharColumns(resultSet) {
  const charColumns = charColumnsByRows.get(resultSet.rows);
  if (charColumns) {
    for (const index of charColumns) resultSet.columnTypes[index] = ColumnTypeEnum.Character;
  }
  return resultSet;
}

function wrapQueryable(inner) {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: async (query) => withCharColumns(await inner.queryRaw(query)),
    executeRaw: (query) => inner.executeRaw(query),
  };
}

function wrapTransaction(inner) {
  return {
    ...wrapQueryable(inner),
    options: inner.options,
    commit: () => inner.commit(),
    rollback: () => inner.rollback(),
    createSavepoint: (name) => inner.createSavepoint(name),
    rollbackToSavepoint: (name) => inner.rollbackToSavepoint(name),
    releaseSavepoint: (name) => inner.releaseSavepoint(name),
  };
}

function wrapAdapter(inner, { onDispose, onScriptError } = {}) {
  return {
    ...wrapQueryable(inner),
    // `db execute` sends its whole script here, without parameters.
    executeRaw: async (query) => {
      try {
        return await inner.executeRaw(query);
      } catch (error) {
        const { originalCode, originalMessage } = error?.cause ?? {};
        if (query.args.length === 0 && originalCode)
          onScriptError?.({ code: originalCode, message: originalMessage });
        throw error;
      }
    },
    executeScript: async (script) => {
      try {
        // No parameters: pg sends the script as one simple-protocol query, multi-statement allowed.
        await inner.underlyingDriver().query(script);
      } catch (error) {
        // The engine reports adapter errors without PostgreSQL's message; keep it for the CLI.
        onScriptError?.(error);
        // adapter-pg's own mapping to a DriverAdapterError (what queryRaw would have thrown).
        inner.onError(error);
      }
    },
    startTransaction: async (isolationLevel) => wrapTransaction(await inner.startTransaction(isolationLevel)),
    getConnectionInfo: () => inner.getConnectionInfo(),
    dispose: async () => {
      await inner.dispose();
      await onDispose?.();
    },
  };
}

const NO_URL_MESSAGE =
  "No database URL: set MIGRATION_DATABASE_URL or DATABASE_URL (datasource.url in prisma.config.ts).";

/** `?schema=` is a Prisma URL parameter, not a libpq one. */
export function parseDatabaseUrl(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres";
  return { parsed, schema, database };
}

export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

function poolConfig(url) {
  const { schema } = parseDatabaseUrl(url);
  const config = { connectionString: url, Client: CatalogAwareClient, max: 4 };
  // Unqualified DDL in migrations must land in the schema the engine describes.
  if (schema !== "public") config.options = `-c search_path=${quoteIdent(schema)}`;
  return { config, schema };
}

function createPgFactory(url) {
  const { config, schema } = poolConfig(url);
  return new PrismaPg(config, { schema });
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Drops everything in a database the user dedicated to shadowing (`shadowDatabaseUrl`). */
async function emptyDatabase(url) {
  await withClient(url, async (client) => {
    const { rows } = await client.query(
      `SELECT nspname FROM pg_namespace
        WHERE nspname NOT IN ('information_schema', 'pg_toast') AND nspname NOT LIKE 'pg\\_%'`,
    );
    const statements = rows.map((row) => `DROP SCHEMA ${quoteIdent(row.nspname)} CASCADE;`);
    statements.push("CREATE SCHEMA IF NOT EXISTS public;");
    await client.query(statements.join("\n"));
  });
}

function sameDatabase(a, b) {
  const left = parseDatabaseUrl(a);
  const right = parseDatabaseUrl(b);
  return (
    left.parsed.hostname === right.parsed.hostname &&
    (left.parsed.port || "5432") === (right.parsed.port || "5432") &&
    left.database === right.database
  );
}

/**
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @returns a SqlMigrationAwareDriverAdapterFactory, plus `cleanup()` that drops shadow databases
 *   the engine did not dispose of (e.g. when the CLI goes away mid-command).
 */
export function createMigrationAwareFactory({ url, shadowDatabaseUrl }) {
  const pendingShadowDatabases = new Set();
  const onScriptError = (error) => {
    factory.lastScriptError = error;
  };

  async function dropShadowDatabase(name) {
    await withClient(url, (client) =>
      client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
    );
    pendingShadowDatabases.delete(name);
  }

  const factory = {
    /** The PostgreSQL error of the last failed script (a migration), for error reporting. */
    lastScriptError: undefined,
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    async connect() {
      // The Wasm engine needs a database even for schema-to-schema diffs (it asks for the version).
      if (!url) throw new Error(NO_URL_MESSAGE);
      return wrapAdapter(await createPgFactory(url).connect(), { onScriptError });
    },
    async connectToShadowDb() {
      if (shadowDatabaseUrl) {
        if (url && sameDatabase(url, shadowDatabaseUrl)) {
          throw new Error("The shadow database URL points at the main database; refusing to empty it.");
        }
        await emptyDatabase(shadowDatabaseUrl);
        return wrapAdapter(await createPgFactory(shadowDatabaseUrl).connect(), { onScriptError });
      }
      if (!url) throw new Error(NO_URL_MESSAGE);
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await withClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
      pendingShadowDatabases.add(name);
      const inner = await createPgFactory(withDatabase(url, name)).connect();
      // inner.dispose() ends the shadow pool; only then can the database be dropped.
      return wrapAdapter(inner, { onDispose: () => dropShadowDatabase(name), onScriptError });
    },
    async cleanup() {
      for (const name of pendingShadowDatabases) {
        await dropShadowDatabase(name).catch(() => {});
      }
    },
  };
  return factory;
}
