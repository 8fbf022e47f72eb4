import type pg from "pg";

/**
 * What a migration can change in the `public` schema, read from pg_catalog and information_schema in
 * a form that compares by value: no OIDs, no column positions (a dropped and re-added column gets a
 * new attnum), ACLs with NULL ("default privileges") spelled out and sorted. Prisma's own
 * `_prisma_migrations` table is left out; its rows are checked separately.
 */
export type SchemaCatalog = Record<(typeof CATALOG_QUERIES)[number][0], Record<string, unknown>[]>;

// Each query returns rows in a deterministic order.
const CATALOG_QUERIES = [
  [
    "schemas",
    `SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner,
            array(SELECT a::text FROM unnest(coalesce(n.nspacl, acldefault('n', n.nspowner))) a ORDER BY 1) AS acl
       FROM pg_namespace n
      WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
      ORDER BY 1`,
  ],
  ["extensions", "SELECT extname AS name, extversion AS version FROM pg_extension ORDER BY 1"],
  [
    "relations",
    `SELECT c.relname AS name, c.relkind::text AS kind, pg_get_userbyid(c.relowner) AS owner,
            c.relrowsecurity AS row_security, c.relforcerowsecurity AS force_row_security,
            array(SELECT a::text
                    FROM unnest(coalesce(c.relacl,
                                         acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char",
                                                    c.relowner))) a
                   ORDER BY 1) AS acl
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
        AND c.relname NOT IN ('_prisma_migrations')
      ORDER BY 1`,
  ],
  [
    "columns",
    `SELECT table_name, column_name, data_type, udt_name, character_maximum_length, numeric_precision,
            numeric_scale, datetime_precision, is_nullable, column_default, is_identity,
            identity_generation, is_generated, generation_expression, collation_name
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
  ],
  [
    "types",
    `SELECT t.typname AS name, t.typtype::text AS kind,
            array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
              AS enum_labels,
            CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS domain_base
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public'
        AND (t.typtype IN ('e', 'd', 'r')
             OR (t.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c'))
      ORDER BY 1`,
  ],
  [
    "constraints",
    `SELECT coalesce(cl.relname, '') AS table_name, co.conname AS name, co.contype::text AS type,
            pg_get_constraintdef(co.oid) AS definition, co.condeferrable AS deferrable,
            co.condeferred AS deferred, co.convalidated AS validated
       FROM pg_constraint co
       JOIN pg_namespace n ON n.oid = co.connamespace
       LEFT JOIN pg_class cl ON cl.oid = co.conrelid
      WHERE n.nspname = 'public' AND coalesce(cl.relname, '') <> '_prisma_migrations'
      ORDER BY 1, 2`,
  ],
  [
    "indexes",
    `SELECT tablename AS table_name, indexname AS name, indexdef AS definition
       FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
      ORDER BY 1, 2`,
  ],
  [
    "policies",
    `SELECT tablename AS table_name, policyname AS name, permissive, roles::text[] AS roles, cmd,
            qual, with_check
       FROM pg_policies
      WHERE schemaname = 'public'
      ORDER BY 1, 2`,
  ],
  [
    "functions",
    `SELECT p.proname AS name, pg_get_function_identity_arguments(p.oid) AS arguments,
            pg_get_functiondef(p.oid) AS definition,
            array(SELECT a::text FROM unnest(coalesce(p.proacl, acldefault('f', p.proowner))) a ORDER BY 1) AS acl
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1, 2`,
  ],
  [
    "triggers",
    `SELECT c.relname AS table_name, t.tgname AS name, pg_get_triggerdef(t.oid) AS definition,
            t.tgenabled::text AS enabled
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal
      ORDER BY 1, 2`,
  ],
  [
    "views",
    `SELECT viewname AS name, definition FROM pg_views WHERE schemaname = 'public'
     UNION ALL
     SELECT matviewname, definition FROM pg_matviews WHERE schemaname = 'public'
     ORDER BY 1`,
  ],
  [
    "sequences",
    `SELECT sequencename AS name, data_type::text AS data_type, start_value, min_value, max_value,
            increment_by, cycle
       FROM pg_sequences
      WHERE schemaname = 'public'
      ORDER BY 1`,
  ],
  [
    "defaultPrivileges",
    `SELECT pg_get_userbyid(d.defaclrole) AS role, coalesce(n.nspname, '') AS schema,
            d.defaclobjtype::text AS object_type,
            array(SELECT a::text FROM unnest(d.defaclacl) a ORDER BY 1) AS acl
       FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
      ORDER BY 1, 2, 3`,
  ],
] as const;

export async function readSchemaCatalog(client: pg.Client): Promise<SchemaCatalog> {
  const catalog = {} as SchemaCatalog;
  for (const [key, sql] of CATALOG_QUERIES) {
    const { rows } = await client.query(sql);
    catalog[key] = rows;
  }
  return catalog;
}

/** Row counts of every table in `public` except `_prisma_migrations`, by table name. */
export async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations'
      ORDER BY 1`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${name.replaceAll('"', '""')}"`,
    );
    counts[name] = rows[0]?.n ?? 0;
  }
  return counts;
}

export type AppliedMigration = {
  migration_name: string;
  finished: boolean;
  rolled_back: boolean;
  applied_steps_count: number;
};

/** Prisma's record of applied migrations, oldest first; empty when the table does not exist yet. */
export async function readAppliedMigrations(client: pg.Client): Promise<AppliedMigration[]> {
  const { rows: exists } = await client.query(
    "SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS ok",
  );
  if (!exists[0]?.ok) return [];
  const { rows } = await client.query<AppliedMigration>(
    `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NOT NULL AS rolled_back,
            applied_steps_count
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
  return rows;
}
