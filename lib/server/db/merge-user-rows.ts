import "server-only";
import type pg from "pg";
import { analyzeStagedTables, type StagedForAnalyze } from "./analyze-staged-tables";
import { changedRows, type TableChanges } from "./changed-rows";
import {
  safeName,
  sqlLiteral,
  stageTables,
  stagingStatements,
  type TableRows,
  transactionConnection,
  UUID,
} from "./copy-rows";
import { finishSideWork, type SideWork, whileWaiting } from "./side-work";
import {
  type ColumnTypes,
  changedRowsOfTablesByLines,
  columnTypesOf,
  columnTypesQuery,
  READ_AS_GIVEN,
} from "./stored-row-lines";
import type { UserTransaction } from "./with-user-transaction";

/**
 * Which of the user's stored rows the given rows replace, per table: an SQL condition on the stored
 * row (alias `t`). A table without one is replaced whole.
 */
export type MergeScope = ReadonlyMap<string, string>;

export type MergedCounts = { inserted: number; updated: number; deleted: number };

/**
 * One table's merge: its rows written, the rows given (the user's rows there after it, in its scope)
 * and the rows staged (sent to the database to compare or write: all given rows, or after a scoped
 * merge's comparison only the new and changed ones).
 */
export type TableMerge = MergedCounts & { table: string; given: number; staged: number };

/** The totals over every table, and each table's own counts (tables given, in their order). */
export type MergeResult = MergedCounts & { staged: number; tables: TableMerge[] };

export type MergeUserRowsOptions = {
  userId: string;
  /** Parents first. */
  tables: readonly TableRows[];
  /** Which stored rows the given rows replace, per table; all of the user's when absent. */
  scope?: MergeScope;
  /** Up to how many rows in all are staged inline (default 2,000); tests lower it to take the COPY path. */
  inlineStagingRows?: number;
  /**
   * Work for this side while it waits on the server (`SideWork`): a slice at a time while the
   * stored rows are read and compared (this side often waits there for the server to print the next
   * piece), the rest once the merge's query is sent (a first recompute's inserts keep the server busy
   * for a second or more, with nothing to do here), before its answer is awaited.
   */
  sideWork?: SideWork;
  /** Of a whole merge, what `storedTablesOf` answered for these tables, when the caller asked it. */
  stored?: StoredTables;
};

// Up to this many rows in all are staged by INSERT … VALUES in the merge's own query (no round trip
// of their own), the smallest tables first; the rest go through COPY, whose per-row cost is lower.
export const INLINE_STAGING_ROWS = 2_000;

/**
 * Makes one user's rows in each table exactly the given rows, writing only what differs: rows whose
 * key is new are inserted, rows whose values changed are updated, rows whose key is gone are
 * deleted; a row that did not change is not touched (it keeps its `created_at`).
 *
 * The given rows are compared with the stored ones here first, and only the new and changed ones
 * are staged (the small tables by literal INSERTs sent with the merge, the large ones by COPY); the
 * gone ones are deleted by key. Then one multi-statement query writes, set-based. A recompute gives
 * thousands of rows of which a few changed, and staging them all to compare in SQL cost several
 * times reading the stored ones.
 *
 * - Without a `scope` (a full recompute) every stored row of the user is compared: one query asks
 *   which tables hold rows of the user and their column types, then each such table is read by
 *   lines of COPY text (`changedRowsByLines`). A table that holds none of the user's rows (the first
 *   recompute of a large history) has nothing to compare: its rows are inserted as they are, without
 *   the anti-join, the update or the delete, and its staging table is not analyzed.
 * - With a `scope`, only the stored rows its condition selects are compared with the given rows (an
 *   incremental recompute gives the rows of a few underlyings), read by one query (`changedRows`):
 *   a stored row outside it is neither updated nor deleted. The given rows must all fall inside it.
 *   A changed row is then updated by its key alone: it was found in scope when read, and the merge's
 *   own deletes may take it out of the condition before the update runs (a lot whose chain's key
 *   moved names the deleted chain until updated; no foreign key sets it to null).
 *
 * Returns the rows inserted, updated, deleted and staged, in all and per table.
 *
 * `tables` come parents first. Deletes run first, children first, so a row whose id changed (ids
 * of an older scheme) leaves its natural key free for the new one; then each table's updates and
 * inserts, parents first, so a lot's new chain exists before the lot points at it. A table's
 * updates run before its inserts: they free the natural keys a new row may take, and in a table
 * that had none of the user's rows they find nothing at once instead of comparing every row just
 * inserted.
 */
export async function mergeUserRows(
  tx: UserTransaction,
  options: MergeUserRowsOptions,
): Promise<MergeResult> {
  const { userId, scope } = options;
  if (!UUID.test(userId)) throw new Error(`bad user id: ${userId}`);
  const connection = await transactionConnection(tx);
  // Both compare on this side first and stage only the rows that differ: a scoped merge the
  // scope's rows, read by one query; a whole one every table's rows, by lines of COPY text.
  const compared: Promise<{ changes: Map<string, TableChanges>; holding: ReadonlySet<string> | null }> = scope
    ? changedRows(connection, { userId, tables: options.tables, scope }).then((changes) => ({
        changes,
        holding: null,
      }))
    : changedRowsOfWhole(connection, userId, options.tables, options.stored);
  const { changes, holding } = await whileWaiting(options.sideWork, compared);
  const tables = options.tables.map((table) => ({
    ...table,
    rows: changes.get(table.table)?.rows ?? table.rows,
  }));
  const inlined = tablesStagedInline(tables, options.inlineStagingRows ?? INLINE_STAGING_ROWS);
  const inline = stagingStatements(tables.filter((table) => inlined.has(table)));
  const copied = tables.filter((table) => !inlined.has(table) && table.rows.length > 0);
  const { staged: copiedTables, answer } =
    copied.length > 0
      ? await stageTables(connection, copied, holding ? undefined : tablesHoldingRowsOf(userId, copied))
      : { staged: [], answer: [] };
  const staged = new Map([...inline.staged, ...copiedTables].map((table) => [table.table, table.name]));
  const copiedNames = new Set(copiedTables.map((table) => table.table));
  const rowsOf = new Map(tables.map((table) => [safeName(table.table), table.rows.length]));
  const holdingStaged = holdingOf(answer);
  // A table is known empty of the user's rows when asked: every table of a whole merge, the
  // tables staged by COPY of a scoped one.
  const holdsRows = (table: string) =>
    holding ? holding.has(table) : !copiedNames.has(table) || holdingStaged.has(table);
  const analyzes: StagedForAnalyze[] = [];
  const writes: { sql: string; kind: "inserted" | "updated"; table: string }[] = [];
  const deletes: { sql: string; kind: "deleted"; table: string }[] = [];
  for (const { table: rawTable, columns: rawColumns, key: rawKey } of tables) {
    const table = safeName(rawTable);
    const columns = rawColumns.map(safeName);
    const key = (rawKey ?? ["id"]).map(safeName);
    const condition = scope?.get(table);
    const mine = `t.user_id = '${userId}'${condition ? ` AND (${condition})` : ""}`;
    const name = staged.get(table);
    const list = columns.join(", ");
    const stagedValues = columns.map((column) => `s.${column}`).join(", ");
    const compared = changes.get(rawTable);
    if (compared && compared.gone.length > 0)
      deletes.unshift({ sql: deleteGone(table, key, userId, compared), kind: "deleted", table });
    if (compared && name === undefined) continue;
    if (name === undefined) {
      deletes.unshift({ sql: `DELETE FROM ${table} t WHERE ${mine}`, kind: "deleted", table });
      continue;
    }
    if (!holdsRows(table)) {
      writes.push({
        sql: `INSERT INTO ${table} (${list}) SELECT ${stagedValues} FROM ${name} s`,
        kind: "inserted",
        table,
      });
      continue;
    }
    // The key columns' statistics must describe about as many rows as were just staged (analyzed
    // first when they do not), so the statements below (the deletes' anti-joins included) plan
    // with them; the other columns are never joined on. (What made the merge slow was the derived
    // tables' statistics, not these: see refresh-derived-statistics.ts.)
    analyzes.push({ name, key, rows: rowsOf.get(table) ?? 0 });
    const sameKey = key.map((column) => `t.${column} = s.${column}`).join(" AND ");
    const values = columns.filter((column) => !key.includes(column) && column !== "user_id");
    if (values.length > 0) {
      writes.push({
        sql: `UPDATE ${table} t SET (${values.join(", ")}) = ROW(${values.map((column) => `s.${column}`).join(", ")})
          FROM ${name} s
         WHERE ${compared ? `t.user_id = '${userId}'` : mine} AND ${sameKey}
           AND ROW(${values.map((column) => `t.${column}`).join(", ")}) IS DISTINCT FROM ROW(${values.map((column) => `s.${column}`).join(", ")})`,
        kind: "updated",
        table,
      });
    }
    writes.push({
      sql: `INSERT INTO ${table} (${list}) SELECT ${stagedValues} FROM ${name} s
        WHERE NOT EXISTS (SELECT 1 FROM ${table} t WHERE t.user_id = '${userId}' AND ${sameKey})`,
      kind: "inserted",
      table,
    });
    if (!compared)
      deletes.unshift({
        sql: `DELETE FROM ${table} t WHERE ${mine} AND NOT EXISTS (SELECT 1 FROM ${name} s WHERE ${sameKey})`,
        kind: "deleted",
        table,
      });
  }
  const merge = [...deletes, ...writes];
  const analyze = analyzeStagedTables(analyzes);
  const setup = [...inline.statements, ...(analyze ? [analyze] : [])];
  const statements = [...setup, ...merge.map((statement) => statement.sql)];
  // A scoped merge that found nothing changed has nothing to send.
  const results = await sendWhile(connection, statements, options.sideWork);
  // A multi-statement query answers one result per statement, in order.
  const answers = (Array.isArray(results) ? results : [results]).slice(setup.length);
  const perTable = new Map<string, TableMerge>(
    options.tables.map((table) => [
      safeName(table.table),
      {
        table: safeName(table.table),
        given: table.rows.length,
        staged: changes.get(table.table)?.rows.length ?? table.rows.length,
        inserted: 0,
        updated: 0,
        deleted: 0,
      },
    ]),
  );
  const counts: MergedCounts = { inserted: 0, updated: 0, deleted: 0 };
  merge.forEach((statement, index) => {
    const rows = answers[index]?.rowCount ?? 0;
    counts[statement.kind] += rows;
    const table = perTable.get(statement.table);
    if (table) table[statement.kind] += rows;
  });
  const tableMerges = [...perTable.values()];
  return {
    ...counts,
    staged: tableMerges.reduce((sum, table) => sum + table.staged, 0),
    tables: tableMerges,
  };
}

/** Which tables hold rows of the user, and the types of their columns: what a whole merge compares. */
export type StoredTables = { holding: ReadonlySet<string>; types: ColumnTypes };

/**
 * Asks, in one query, which of `tables` hold rows of the user and their columns' types, and sets
 * the transaction's date style and zone for reading stored rows as the given rows spell them
 * (`READ_AS_GIVEN`). A first recompute learns here, before building any row, that it has nothing to
 * compare.
 */
export async function storedTablesOf(
  connection: pg.PoolClient,
  userId: string,
  tables: readonly string[],
): Promise<StoredTables> {
  if (!UUID.test(userId)) throw new Error(`bad user id: ${userId}`);
  const names = tables.map(safeName);
  if (names.length === 0) return { holding: new Set(), types: new Map() };
  const probes = names.map((table) => ({ table, columns: [], rows: [] }));
  const answered = await connection.query(
    [READ_AS_GIVEN, tablesHoldingRowsOf(userId, probes, true), columnTypesQuery(names)].join(";\n"),
  );
  const [, held, typed] = answered as unknown as pg.QueryResult[];
  return { holding: holdingOf(held?.rows ?? []), types: columnTypesOf(typed?.rows ?? []) };
}

/**
 * A whole merge's comparison: which tables hold rows of the user and the given columns' types
 * (`storedTablesOf`, unless the caller asked already); each table that holds some and is given some
 * is then compared by lines (`changedRowsByLines`). A table holding none has nothing to compare (its
 * rows are inserted as they are); one given none has all its rows deleted.
 */
async function changedRowsOfWhole(
  connection: pg.PoolClient,
  userId: string,
  tables: readonly TableRows[],
  asked?: StoredTables,
): Promise<{ changes: Map<string, TableChanges>; holding: ReadonlySet<string> }> {
  if (tables.length === 0) return { changes: new Map(), holding: new Set() };
  const { holding, types } =
    asked ??
    (await storedTablesOf(
      connection,
      userId,
      tables.map((table) => table.table),
    ));
  const compared = tables.filter((table) => table.rows.length > 0 && holding.has(safeName(table.table)));
  const found = await changedRowsOfTablesByLines(
    connection,
    userId,
    compared.map((table) => ({ table, types: types.get(safeName(table.table)) ?? new Map() })),
  );
  const changes = new Map<string, TableChanges>(
    compared.map((table, index) => [table.table, found[index] as TableChanges]),
  );
  return { changes, holding };
}

/** The tables named in the answer of `tablesHoldingRowsOf`. */
function holdingOf(answer: readonly Record<string, unknown>[]): Set<string> {
  return new Set(
    String(answer[0]?.tables ?? "")
      .split(",")
      .filter(Boolean),
  );
}

/**
 * Deletes the stored rows a comparison found gone, by their keys: each key's values as PostgreSQL
 * printed them, read back into the table's own column types by `jsonb_populate_recordset`.
 */
function deleteGone(table: string, key: readonly string[], userId: string, changes: TableChanges): string {
  const keys = JSON.stringify(
    changes.gone.map((values) => Object.fromEntries(key.map((column, index) => [column, values[index]]))),
  );
  const columns = key.map((column) => `t.${column}`).join(", ");
  const recorded = key.map((column) => `g.${column}`).join(", ");
  return `DELETE FROM ${table} t WHERE t.user_id = '${userId}'
    AND (${columns}) IN (SELECT ${recorded} FROM jsonb_populate_recordset(NULL::${table}, ${sqlLiteral(keys)}) g)`;
}

/**
 * The tables whose rows are staged by literal INSERTs in the merge's own query: the smallest first,
 * while their rows add up to at most `limit`. The others go through COPY, one statement each; an
 * incremental recompute's few large tables (lots, links) take COPY and its small ones (positions,
 * cycles, days, cuts) no statement of their own.
 */
export function tablesStagedInline(tables: readonly TableRows[], limit: number): Set<TableRows> {
  const inline = new Set<TableRows>();
  let rows = 0;
  for (const table of [...tables].sort((a, b) => a.rows.length - b.rows.length)) {
    if (rows + table.rows.length > limit) break;
    rows += table.rows.length;
    inline.add(table);
  }
  return inline;
}

/**
 * One query answering, in its one row's `tables`, the comma-separated tables among those given rows
 * that hold at least one row of the user (an index probe each: every derived table's indexes start
 * with `user_id`).
 */
function tablesHoldingRowsOf(userId: string, tables: readonly TableRows[], evenGivenNone = false): string {
  const probes = tables
    .filter((table) => evenGivenNone || table.rows.length > 0)
    .map((table) => safeName(table.table))
    .map(
      (table) =>
        `CASE WHEN EXISTS (SELECT 1 FROM ${table} t WHERE t.user_id = '${userId}') THEN '${table}' END`,
    );
  return `SELECT concat_ws(',', ${probes.length > 0 ? probes.join(", ") : "NULL"}) AS tables`;
}

/**
 * Sends the statements as one query, finishes `work` while the server answers, then awaits the
 * answer. With no statement nothing is sent (a scoped merge that found nothing changed).
 */
export async function sendWhile(connection: pg.PoolClient, statements: readonly string[], work?: SideWork) {
  if (statements.length === 0) {
    finishSideWork(work);
    return [];
  }
  const answer = connection.query(statements.join(";\n"));
  try {
    finishSideWork(work);
  } catch (error) {
    await answer.catch(() => undefined);
    throw error;
  }
  return answer;
}
