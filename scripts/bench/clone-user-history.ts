import type pg from "pg";

/** The raw tables of one history, parents first (the order their foreign keys need). */
const RAW_TABLES = [
  "broker_accounts",
  "option_orders",
  "option_legs",
  "option_executions",
  "option_events",
  "stock_trades",
];
/** Columns holding the id of a row of one of RAW_TABLES: remapped with the row they point at. */
const CLONED_IDS = new Set(["id", "account_id", "order_id", "leg_id", "event_id"]);

/**
 * Copies one user's raw history (accounts, orders, legs, fills, events, share trades) to each of
 * `toUserIds` (users that exist already) in one statement per table, so a benchmark can give many
 * users a long history in seconds instead of importing it for each. Each copy's row ids are derived
 * from the original id and the new user's id, so foreign keys between the copies line up; broker ids
 * and contracts stay as they are (unique per user; contracts are shared reference data). The import
 * that stored the original is not copied (`import_id` becomes null). Runs as the database owner,
 * which row-level security does not restrict.
 */
export async function cloneUserHistory(
  admin: pg.Client,
  fromUserId: string,
  toUserIds: string[],
): Promise<void> {
  for (const table of RAW_TABLES) {
    const { rows } = await admin.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`,
      [table],
    );
    const columns = rows.map((row) => row.column_name);
    const values = columns.map((column) => {
      if (column === "user_id") return "u.id";
      if (column === "import_id") return "NULL";
      if (CLONED_IDS.has(column)) return `md5(t.${column}::text || u.id::text)::uuid`;
      return `t.${column}`;
    });
    await admin.query(
      `INSERT INTO ${table} (${columns.join(", ")})
       SELECT ${values.join(", ")} FROM ${table} t CROSS JOIN unnest($2::uuid[]) AS u(id)
        WHERE t.user_id = $1::uuid`,
      [fromUserId, toUserIds],
    );
  }
}
