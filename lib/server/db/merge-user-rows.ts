import "server-only";
import { safeName, stageTables, type TableRows, transactionConnection, UUID } from "./copy-rows";
import type { UserTransaction } from "./with-user-transaction";

/**
 * Makes one user's rows in each table exactly the given rows, writing only what differs: rows whose
 * key is new are inserted, rows whose values changed are updated, rows whose key is gone are
 * deleted; a row that did not change is not touched (it keeps its `created_at`). The rows are
 * COPYed into staging tables first (`stageTables`), then one multi-statement query compares and
 * writes, set-based: about as many round trips as tables, whatever the number of rows.
 *
 * `tables` come parents first. Deletes run first, children first, so a row whose id changed (ids
 * of an older scheme) leaves its natural key free for the new one; then inserts and updates, parents
 * first, so a lot's new chain exists before the lot points at it.
 */
export async function mergeUserRows(tx: UserTransaction, userId: string, tables: readonly TableRows[]) {
  if (!UUID.test(userId)) throw new Error(`bad user id: ${userId}`);
  const connection = await transactionConnection(tx);
  const staged = new Map((await stageTables(connection, tables)).map((table) => [table.table, table.name]));
  const writes: string[] = [];
  const deletes: string[] = [];
  for (const { table: rawTable, columns: rawColumns, key: rawKey } of tables) {
    const table = safeName(rawTable);
    const columns = rawColumns.map(safeName);
    const key = (rawKey ?? ["id"]).map(safeName);
    const mine = `t.user_id = '${userId}'`;
    const name = staged.get(table);
    if (name === undefined) {
      deletes.unshift(`DELETE FROM ${table} t WHERE ${mine}`);
      continue;
    }
    const sameKey = key.map((column) => `t.${column} = s.${column}`).join(" AND ");
    const values = columns.filter((column) => !key.includes(column) && column !== "user_id");
    const list = columns.join(", ");
    // The planner knows nothing of a freshly filled temporary table; statistics make it hash-join.
    writes.push(`ANALYZE ${name}`);
    writes.push(
      `INSERT INTO ${table} (${list}) SELECT ${columns.map((column) => `s.${column}`).join(", ")} FROM ${name} s
        WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE ${mine} AND ${sameKey})`,
    );
    if (values.length > 0) {
      writes.push(
        `UPDATE ${table} t SET (${values.join(", ")}) = ROW(${values.map((column) => `s.${column}`).join(", ")})
          FROM ${name} s
         WHERE ${mine} AND ${sameKey}
           AND ROW(${values.map((column) => `t.${column}`).join(", ")}) IS DISTINCT FROM ROW(${values.map((column) => `s.${column}`).join(", ")})`,
      );
    }
    deletes.unshift(
      `DELETE FROM ${table} t WHERE ${mine} AND NOT EXISTS (SELECT 1 FROM ${name} s WHERE ${sameKey})`,
    );
  }
  await connection.query([...deletes, ...writes].join(";\n"));
}
