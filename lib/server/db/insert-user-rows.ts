import "server-only";
import type pg from "pg";
import {
  safeName,
  stageTables,
  stagingStatements,
  type TableRows,
  transactionConnection,
  UUID,
} from "./copy-rows";
import {
  INLINE_STAGING_ROWS,
  type MergeResult,
  sendWhile,
  type TableMerge,
  tablesStagedInline,
} from "./merge-user-rows";
import { type SideWork, whileWaiting } from "./side-work";
import type { UserTransaction } from "./with-user-transaction";

/**
 * Inserts rows into tables that hold none of the user's rows (`storedTablesOf` said so, in this
 * transaction, whose per-user lock keeps it true): a first recompute has nothing to compare, so each
 * table's rows are staged (`stageTables`, or inline for a few) and inserted as they are.
 *
 * Resolves once the rows are staged and the INSERTs sent, before the server has run them:
 * `inserted` settles with the counts then. The server spends most of a first write inserting (the
 * foreign key to the user is checked row by row), so the caller builds its next tables meanwhile
 * and sends them after; the connection runs its queries in turn. `sideWork` runs while this waits
 * for an earlier statement to finish before its staging can start, and what is left of it once the
 * INSERTs are sent.
 */
export async function insertIntoEmptyTables(
  tx: UserTransaction,
  options: {
    userId: string;
    tables: readonly TableRows[];
    sideWork?: SideWork;
    inlineStagingRows?: number;
  },
): Promise<{ inserted: Promise<MergeResult> }> {
  const { userId, tables } = options;
  if (!UUID.test(userId)) throw new Error(`bad user id: ${userId}`);
  const connection = await transactionConnection(tx);
  const inlined = tablesStagedInline(tables, options.inlineStagingRows ?? INLINE_STAGING_ROWS);
  const inline = stagingStatements(tables.filter((table) => inlined.has(table)));
  const copied = tables.filter((table) => !inlined.has(table) && table.rows.length > 0);
  const { staged: copiedTables } =
    copied.length > 0
      ? await whileWaiting(options.sideWork, stageTables(connection, copied))
      : { staged: [] };
  const staged = new Map([...inline.staged, ...copiedTables].map((table) => [table.table, table.name]));
  const inserts: { table: string; sql: string }[] = [];
  for (const { table: rawTable, columns } of tables) {
    const table = safeName(rawTable);
    const name = staged.get(table);
    if (name === undefined) continue;
    const list = columns.map(safeName).join(", ");
    inserts.push({ table, sql: `INSERT INTO ${table} (${list}) SELECT ${list} FROM ${name}` });
  }
  const statements = [...inline.statements, ...inserts.map(({ sql }) => sql)];
  const answer = sendWhile(connection, statements, options.sideWork);
  const inserted = answer.then((results) => countsOf(tables, inserts, results, inline.statements.length));
  // Awaited by the caller after its next work: until then a failure must not count as unhandled.
  inserted.catch(() => undefined);
  return { inserted };
}

function countsOf(
  tables: readonly TableRows[],
  inserts: readonly { table: string }[],
  results: pg.QueryResult | pg.QueryResult[],
  setup: number,
): MergeResult {
  const answers = (Array.isArray(results) ? results : [results]).slice(setup);
  const insertedInto = new Map(inserts.map(({ table }, index) => [table, answers[index]?.rowCount ?? 0]));
  const perTable: TableMerge[] = tables.map((table) => ({
    table: safeName(table.table),
    given: table.rows.length,
    staged: table.rows.length,
    inserted: insertedInto.get(safeName(table.table)) ?? 0,
    updated: 0,
    deleted: 0,
  }));
  return {
    inserted: perTable.reduce((sum, table) => sum + table.inserted, 0),
    updated: 0,
    deleted: 0,
    staged: perTable.reduce((sum, table) => sum + table.staged, 0),
    tables: perTable,
  };
}
