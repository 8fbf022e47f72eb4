import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { z } from "zod";
import { median } from "./median";

/**
 * The floor under an import: the same rows the import wrote, loaded by PostgreSQL's `COPY` from
 * files on the server into tables with the same columns, defaults and indexes (`LIKE … INCLUDING
 * ALL`), in one transaction. No parsing, no lookups, no client round trips, no foreign-key or
 * row-level-security checks: no importer can write these rows faster. (`intoTheTables` loads them
 * into the tables themselves instead, to see what their foreign keys add.) Needs a superuser
 * connection on the database's own machine (server-side files); returns null with the reason
 * otherwise.
 */
export async function measureCopyFloor(options: {
  adminUrl: string;
  userId: string;
  /** Which tables to copy (default: the raw tables an import writes); each with its user's rows. */
  tables?: readonly string[];
  /**
   * How many times to load them (default 1), each into emptied tables: `seconds` is then the
   * median, and `runs` every time, for a machine whose noise moves one run by a fifth.
   */
  runs?: number;
  /**
   * Run after each load, untimed: work timed against the floor, run in turn with it, so each of its
   * runs has a floor taken moments before (`bench-recompute`'s full recompute over current rows).
   */
  afterEachRun?: () => Promise<void>;
  /**
   * Load into the tables themselves, not into copies of their shape: the user's rows are deleted
   * before each load (untimed, children first, then the tables vacuumed), and the load puts them back
   * as they were, ids and timestamps included. Each row's foreign keys are checked, as for any writer
   * of those tables; row-level security is not (this is the superuser's COPY, which PostgreSQL
   * refuses a role under the policies). `tables` must list parents before children. A load that
   * fails leaves the user's rows deleted.
   */
  intoTheTables?: boolean;
}): Promise<{ seconds: number; rows: number; runs: number[] } | { skipped: string }> {
  const userId = z.uuid().parse(options.userId);
  const mine = `user_id = '${userId}'`;
  const importTables: [string, string][] = [
    [
      "option_instruments",
      `id IN (SELECT instrument_id FROM option_legs WHERE ${mine} UNION SELECT instrument_id FROM option_events WHERE ${mine})`,
    ],
    ["imports", mine],
    ["option_orders", mine],
    ["option_legs", mine],
    ["option_executions", mine],
    ["option_events", mine],
    ["import_rows", mine],
  ];
  const tables = options.tables?.map((table): [string, string] => [table, mine]) ?? importTables;
  const client = new pg.Client({ connectionString: options.adminUrl });
  await client.connect();
  const directory = mkdtempSync(path.join(tmpdir(), "rollbook-copy-floor-"));
  // The server writes and reads the files as its own operating-system user.
  chmodSync(directory, 0o777);
  // Whether `afterEachRun` is running: a failure then is that work's own, not the floor's.
  let runningAfter = false;
  try {
    let rows = 0;
    const into = (table: string) => (options.intoTheTables ? table : `bench_floor_${table}`);
    for (const [table, where] of tables) {
      if (!options.intoTheTables)
        await client.query(`CREATE TABLE bench_floor_${table} (LIKE ${table} INCLUDING ALL)`);
      const copied = await client.query(
        `COPY (SELECT * FROM ${table} WHERE ${where}) TO '${path.join(directory, table)}'`,
      );
      rows += copied.rowCount ?? 0;
    }
    const runs: number[] = [];
    for (let run = 0; run < Math.max(1, options.runs ?? 1); run++) {
      if (options.intoTheTables) {
        for (const [table, where] of [...tables].reverse())
          await client.query(`DELETE FROM ${table} WHERE ${where}`);
        await client.query(`VACUUM ${tables.map(([table]) => table).join(", ")}`);
      } else if (run > 0)
        await client.query(`TRUNCATE ${tables.map(([table]) => `bench_floor_${table}`).join(", ")}`);
      // Every load starts from a checkpoint (untimed), so none pays for writing out the pages an
      // earlier load or other work dirtied: without it, loads run back to back took 0.89–0.96 s
      // where the same loads after a checkpoint took 0.76–0.83 s (6 December 2026).
      await client.query("CHECKPOINT");
      const started = performance.now();
      await client.query("BEGIN");
      for (const [table] of tables)
        await client.query(`COPY ${into(table)} FROM '${path.join(directory, table)}'`);
      await client.query("COMMIT");
      runs.push((performance.now() - started) / 1000);
      if (options.afterEachRun) {
        // The load's dirty pages written out first (untimed): else the server writes them while the
        // work after it runs, and that work pays for the floor's load.
        await client.query("CHECKPOINT");
        runningAfter = true;
        await options.afterEachRun();
        runningAfter = false;
      }
    }
    return { seconds: median(runs), rows, runs };
  } catch (error) {
    if (runningAfter) throw error;
    await client.query("ROLLBACK").catch(() => {});
    return { skipped: error instanceof Error ? error.message : String(error) };
  } finally {
    if (!options.intoTheTables)
      for (const [table] of tables) await client.query(`DROP TABLE IF EXISTS bench_floor_${table}`);
    await client.end();
    rmSync(directory, { recursive: true, force: true });
  }
}
