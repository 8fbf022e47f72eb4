/**
 * Benchmark of a full recompute beside its floor: `npm run bench:recompute [-- --sizes 1000,10000,100000]`.
 *
 * For each size, a merged activity report of about that many fills (the simulator's ten-year
 * histories of several traders written as one account, scripts/bench/long-activity-report.ts) is
 * imported into a throwaway embedded PostgreSQL (or DATABASE_URL), then the user's P&L is recomputed
 * fully twice, right after each other: first into derived tables that hold none of the user's rows,
 * then over the first run's rows (the second sync of a large history, an engine-version repair), with
 * the tables each run analyzed (docs/RECOMPUTE.md, "Planner statistics"; `--statistics off` skips
 * that, to see the plans without it). Beside each is the floor: the same derived rows loaded by
 * PostgreSQL's COPY from server-side files into tables of the same shape and indexes
 * (scripts/bench/copy-floor.ts), and the ratios; and the read floor under the load phase: the same input
 * rows copied out raw by `COPY (SELECT …) TO STDOUT` (scripts/bench/read-floor.ts), with the ratio
 * load ÷ read floor. The load average is printed with each size. Then 10 fills are appended to one book, as an
 * import appends them, and the user is recomputed incrementally (only the touched underlying), then
 * fully, each with its time and the statements every connection sent; then 10 more on the
 * underlying whose flat cut leaves the fewest fills, incremental, and 10 more recomputed on the next
 * trading date (every underlying replays from its cut). Then seven full recomputes over rows that
 * are all current, their median beside the floor's (itself the median of seven loads), each also
 * run right after a load of the floor and divided by it, with the median of those ratios; and last,
 * the first recompute again, the user's derived rows removed, in this process whose code is compiled
 * by now, after the floor under the foreign keys: the same rows loaded by COPY into the derived
 * tables themselves, each row's keys checked as the first write's are. The full recomputes also
 * print how long the collector stopped this process in each (its pauses, which this side's CPU time
 * includes). The import and a small warm-up are not timed.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import pg from "pg";
import { z } from "zod";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { provideDatabase } from "@/lib/local-db/provide-database";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { DERIVED_TABLES } from "@/lib/server/recompute/derived-rows";
import type { RecomputeMode } from "@/lib/server/recompute/plan-recompute";
import {
  type RecomputeSummary,
  recomputeInTransaction,
} from "@/lib/server/recompute/recompute-in-transaction";
import { DEFAULT_STATISTICS_POLICY, type StatisticsPolicy } from "@/lib/server/recompute/statistics-policy";
import { appendFills as appendFillsAsImport } from "./bench/append-fills";
import { collectorPauseClock } from "./bench/collector-pauses";
import { measureCopyFloor } from "./bench/copy-floor";
import { longActivityReport } from "./bench/long-activity-report";
import { median } from "./bench/median";
import { parseFlags } from "./bench/parse-flags";
import { measureReadFloor } from "./bench/read-floor";
import { processCpuMs, serverCpuClock } from "./bench/server-cpu";

const args = z
  .object({
    sizes: z
      .string()
      .default("1000,10000,100000")
      .transform((text) =>
        text.split(",").map((size) => z.coerce.number().int().min(100).max(1_000_000).parse(size)),
      ),
    statistics: z.enum(["on", "off"]).default("on"),
    // `distinct`: each merged trader on tickers of their own (scripts/bench/long-activity-report.ts).
    shape: z.enum(["shared", "distinct"]).default("shared"),
  })
  .parse(parseFlags(process.argv.slice(2)));

// `off`: no write is ever worth an ANALYZE, as before the planner statistics were refreshed.
const statistics: StatisticsPolicy =
  args.statistics === "on" ? DEFAULT_STATISTICS_POLICY : { minRows: Number.POSITIVE_INFINITY, share: 1 };

// A ten-year history of one simulated trader holds about this many option fills.
const FILLS_PER_TRADER_DECADE = 3_900;

// Every statement any connection of this process sends (Prisma's included), for the statement count.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...args: unknown[]) => unknown).apply(this, args);
} as typeof query;

// Appends so far: each one's broker ids are its own (`round`).
let appends = 0;

const database = await provideDatabase({ purpose: "test" });
const db = createPrismaClient(database.env.DATABASE_URL);
// The server's CPU clock, when its processes are on this machine.
const serverCpu = await serverCpuClock(db);
// The floor, and the full recompute over current rows, are each taken several times and their
// medians compared: one run of either moves by a fifth on this shared machine (seven of each cost
// about 20 s at 100,000 fills; three let one slow run decide the median).
const FLOOR_RUNS = 7;
const FULL_REPEATS = 7;
// The COPY into the derived tables themselves deletes and vacuums the user's rows before each load.
const KEYED_FLOOR_RUNS = 3;

// The collector's pauses of this process, read around each timed recompute.
const pauses = collectorPauseClock();
// The superuser's connection to the same database, for the server-side files of the floor.
const adminUrl = new URL(database.env.DATABASE_ADMIN_URL);
adminUrl.pathname = new URL(database.env.DATABASE_URL).pathname;
try {
  // A small import and recompute warm up the connections and the code paths (not timed).
  await importedUser(500);
  for (const size of args.sizes) {
    const robinhoodUserId = await importedUser(size);
    await analyzeEarlierUsers();
    const loadBefore = loadAverage();
    const runs: {
      seconds: number;
      summary: RecomputeSummary;
      statements: number;
      cpu: { client: number; server: number | null; paused: number };
    }[] = [];
    for (let run = 0; run < 2; run++) {
      const statementsBefore = statements;
      const pausedBefore = await pauses.read();
      const clientBefore = processCpuMs();
      const serverBefore = serverCpu?.() ?? null;
      const started = performance.now();
      const summary = await recompute(robinhoodUserId, "full");
      runs.push({
        seconds: (performance.now() - started) / 1000,
        summary,
        statements: statements - statementsBefore,
        cpu: {
          client: processCpuMs() - clientBefore,
          server: serverCpu && serverBefore !== null ? serverCpu() - serverBefore : null,
          paused: (await pauses.read()) - pausedBefore,
        },
      });
      if (!summary.reconciles) process.exitCode = 1;
    }
    const loadAfter = loadAverage();
    const floor = await measureCopyFloor({
      adminUrl: adminUrl.toString(),
      userId: userIdFromRobinhoodUserId(robinhoodUserId),
      tables: DERIVED_TABLES,
      runs: FLOOR_RUNS,
    });
    const fills = runs[0]?.summary.executions ?? 0;
    console.log(
      `${fills.toLocaleString("en-US")} fills (${runs[0]?.summary.lots.toLocaleString("en-US")} lots, ${runs[0]?.summary.chains.toLocaleString("en-US")} chains${"rows" in floor ? `, ${floor.rows.toLocaleString("en-US")} derived rows` : ""}):`,
    );
    console.log(`  load average ${loadBefore} before the two full recomputes, ${loadAfter} after`);
    for (const [index, { seconds, summary, statements: sent, cpu }] of runs.entries()) {
      const { load, compute, build, write, analyze } = summary.phaseMs;
      const ratio = "seconds" in floor ? `, ${(seconds / floor.seconds).toFixed(2)}× the floor` : "";
      const analyzed = summary.analyzed.length > 0 ? summary.analyzed.join(", ") : "nothing";
      console.log(
        `  full recompute ${index === 0 ? "1, no rows of the user yet" : "2, over the first's rows"}: ${seconds.toFixed(3)} s = ${rate(fills / seconds)} fills/s${ratio}, ${sent} statements (load ${load} ms, engine ${compute} ms, rows built ${build} ms, written ${write} ms${"seconds" in floor ? ` = ${(write / 1000 / floor.seconds).toFixed(2)}× the floor` : ""}, analyzed ${analyzed} in ${analyze} ms; saved inputs of ${summary.snapshotsWritten.length} underlyings in ${summary.phaseMs.saveInputs} ms)`,
      );
      // Where the time is spent: two cores, one this process's, one the server's at best.
      console.log(
        `    CPU: this process ${Math.round(cpu.client)} ms (stopped by the collector ${Math.round(cpu.paused)} ms of it), the database server ${cpu.server === null ? "not readable here" : `${Math.round(cpu.server)} ms`}`,
      );
    }
    const [first, second] = runs;
    if (first && second)
      console.log(
        `  second ÷ first: ${(second.seconds / first.seconds).toFixed(2)}× end to end, written ${(second.summary.phaseMs.write / Math.max(1, first.summary.phaseMs.write)).toFixed(2)}×`,
      );
    // The load phase beside its floor: the same input rows copied out raw, in the same database state.
    const readFloor = await measureReadFloor({ db, robinhoodUserId });
    console.log(
      `  read floor: COPY (SELECT …) TO STDOUT of the same input rows, ${(readFloor.bytes / 1e6).toFixed(1)} MB in ${(readFloor.seconds * 1000).toFixed(0)} ms (best of 3; per SELECT ${readFloor.perStatement.map(({ ms }) => ms.toFixed(0)).join(" / ")} ms), load ÷ read floor: ${runs.map(({ summary }) => `${(summary.phaseMs.load / 1000 / readFloor.seconds).toFixed(2)}×`).join(", ")}; load average ${loadAverage()}`,
    );
    // Where each underlying's flat cut fell (docs/RECOMPUTE.md, "Flat cuts"): an incremental
    // recompute replays the fills from it on.
    const cuts = await flatCuts(robinhoodUserId);
    console.log(`  flat cuts: ${describeCuts(cuts)}`);
    // Ten fills appended as an import appends them (one book recorded), then the recompute sync and
    // import run (incremental when exact), and a full one over the same data for comparison; then ten
    // more on the underlying whose cut leaves the fewest fills to replay, incremental only.
    await appendFills(robinhoodUserId, 10);
    const fewest = [...cuts].sort((a, b) => a.after - b.after)[0];
    const runs2 = [
      { mode: "auto" as const, label: "after 10 more fills" },
      { mode: "full" as const, label: "after 10 more fills" },
      ...(fewest
        ? [
            {
              mode: "auto" as const,
              label: `after 10 more fills on ${fewest.underlying}`,
              on: fewest.underlying,
            },
            // The first recompute of the next trading date: every underlying replays from its cut.
            {
              mode: "auto" as const,
              label: `on the next trading date, after 10 more fills on ${fewest.underlying}`,
              on: fewest.underlying,
              nextDay: true,
            },
          ]
        : []),
    ];
    for (const { mode, label, on, nextDay } of runs2 as {
      mode: "auto" | "full";
      label: string;
      on?: string;
      nextDay?: boolean;
    }[]) {
      if (on) await appendFills(robinhoodUserId, 10, on);
      const statementsBefore = statements;
      const started = performance.now();
      const summary = await recompute(robinhoodUserId, mode, nextDay ? 86_400_000 : 0);
      const seconds = (performance.now() - started) / 1000;
      const { load, compute, build, write } = summary.phaseMs;
      const scope = summary.scope
        ? `incremental over ${summary.scope.join(", ")}${Object.keys(summary.fromCuts).length > 0 ? ` from its flat cut ${Object.values(summary.fromCuts).join(", ")}` : " (whole)"} (${summary.executions.toLocaleString("en-US")} fills replayed${Object.keys(summary.fromSnapshots).length > 0 ? `; inputs before ${Object.values(summary.fromSnapshots).join(", ")} from saved inputs` : ""}${Object.keys(summary.settledBefore).length > 0 ? `; rows ended before ${Object.values(summary.settledBefore).join(", ")} not compared` : ""})`
        : `full (${summary.fullReason})`;
      const { inserted, updated, deleted } = summary.written;
      console.log(
        `  ${label}, ${scope}: ${seconds.toFixed(3)} s in ${statements - statementsBefore} statements (load ${load} ms, engine ${compute} ms, rows built ${build} ms, written ${write} ms: ${summary.staged} rows staged, ${inserted} inserted, ${updated} updated, ${deleted} deleted${summary.analyzed.length > 0 ? `; analyzed ${summary.analyzed.join(", ")}` : ""})`,
      );
    }
    // The target's figure: a full recompute over rows that are all current (a repair, an engine
    // change that moved nothing), repeated, each run right after a load of the floor, so that each
    // ratio compares two runs taken moments apart; the median of those ratios, beside the ratio of
    // the medians (a minute apart, the machine's speed moves both by a fifth).
    const repeats: number[] = [];
    const repeatPauses: number[] = [];
    const repeat = async () => {
      const pausedBefore = await pauses.read();
      const started = performance.now();
      await recompute(robinhoodUserId, "full");
      repeats.push((performance.now() - started) / 1000);
      repeatPauses.push((await pauses.read()) - pausedBefore);
    };
    const paired = await measureCopyFloor({
      adminUrl: adminUrl.toString(),
      userId: userIdFromRobinhoodUserId(robinhoodUserId),
      tables: DERIVED_TABLES,
      runs: FULL_REPEATS,
      afterEachRun: repeat,
    });
    // Without a floor to load (it could not be measured), the runs alone.
    while (repeats.length < FULL_REPEATS) await repeat();
    const full = median(repeats);
    console.log(
      `  full recompute over current rows, ${FULL_REPEATS} runs: ${repeats.map((seconds) => seconds.toFixed(3)).join(" / ")} s, median ${full.toFixed(3)} s = ${rate(fills / full)} fills/s${"seconds" in floor ? `, ${(full / floor.seconds).toFixed(2)}× the floor` : ""}; stopped by the collector ${repeatPauses.map((ms) => Math.round(ms)).join(" / ")} ms`,
    );
    if ("runs" in paired) {
      const ratios = repeats.map((seconds, run) => seconds / (paired.runs[run] as number));
      console.log(
        `    each right after a load of the floor (${paired.runs.map((seconds) => seconds.toFixed(3)).join(" / ")} s): ${ratios.map((ratio) => `${ratio.toFixed(2)}×`).join(" / ")}, median ${median(ratios).toFixed(2)}×`,
      );
    } else console.log(`    floor loads between the runs: not measured (${paired.skipped})`);
    // What a first write cannot go below while the derived tables keep their foreign keys (the user
    // invariant of DESIGN.md among them): the same rows loaded by COPY into those tables themselves.
    const keyed = await measureCopyFloor({
      adminUrl: adminUrl.toString(),
      userId: userIdFromRobinhoodUserId(robinhoodUserId),
      tables: DERIVED_TABLES,
      runs: KEYED_FLOOR_RUNS,
      intoTheTables: true,
    });
    // The first recompute again, its code compiled by now: a new user's first import reaching a
    // server that has been running (the first one above also compiles everything it runs).
    await removeDerivedRows(userIdFromRobinhoodUserId(robinhoodUserId));
    const warmStarted = performance.now();
    const warm = await recompute(robinhoodUserId, "full");
    const warmSeconds = (performance.now() - warmStarted) / 1000;
    const { load, compute, build, write, analyze } = warm.phaseMs;
    console.log(
      `  full recompute 1 again, its rows removed, in a process that has run it before: ${warmSeconds.toFixed(3)} s = ${rate(fills / warmSeconds)} fills/s${"seconds" in floor ? `, ${(warmSeconds / floor.seconds).toFixed(2)}× the floor` : ""} (load ${load} ms, engine ${compute} ms, rows built ${build} ms, written ${write} ms${"seconds" in floor ? ` = ${(write / 1000 / floor.seconds).toFixed(2)}× the floor` : ""}, analyzed in ${analyze} ms)`,
    );
    if ("skipped" in floor) console.log(`  floor: not measured (${floor.skipped})`);
    else
      console.log(
        `  floor: COPY of the same rows into same-shape tables, ${floor.runs.length} runs: ${floor.runs.map((seconds) => seconds.toFixed(3)).join(" / ")} s, median ${floor.seconds.toFixed(3)} s (the ratios above are to the median)`,
      );
    if ("skipped" in keyed)
      console.log(`  the same COPY into the derived tables: not measured (${keyed.skipped})`);
    else
      console.log(
        `  the same COPY into the derived tables themselves, each row's foreign keys checked (no row-level security: the superuser's), ${keyed.runs.length} runs: ${keyed.runs.map((seconds) => seconds.toFixed(3)).join(" / ")} s, median ${keyed.seconds.toFixed(3)} s${"seconds" in floor ? ` = ${(keyed.seconds / floor.seconds).toFixed(2)}× the floor` : ""}`,
      );
  }
} finally {
  pauses.stop();
  await db.$disconnect();
  await database.stop();
}

/**
 * Removes everything a recompute wrote for the user (derived rows, flat cuts, saved inputs), then
 * vacuums those tables and checkpoints, untimed, as the superuser: the next recompute is a first one
 * again, into tables with no dead rows of the user's.
 */
async function removeDerivedRows(userId: string): Promise<void> {
  const tables = [...DERIVED_TABLES, "recompute_flat_cuts", "recompute_input_snapshots"];
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  try {
    for (const table of tables) await client.query(`DELETE FROM ${table} WHERE user_id = $1`, [userId]);
    await client.query(`VACUUM ${tables.join(", ")}`);
    await client.query("CHECKPOINT");
  } finally {
    await client.end();
  }
}

/**
 * A recompute as `recomputeUserPnl` runs it, `laterMs` from now, with a transaction timeout long enough for the largest
 * history on a loaded machine (the app's 120 s is a production limit, not the benchmark's).
 */
function recompute(robinhoodUserId: string, mode: RecomputeMode, laterMs = 0): Promise<RecomputeSummary> {
  return withUserTransaction({ db, robinhoodUserId, purpose: "work", timeoutMs: 3_600_000 }, (tx, user) =>
    recomputeInTransaction(tx, user, {
      now: new Date(Date.now() + laterMs),
      trigger: "bench",
      mode,
      statistics,
    }),
  );
}

/**
 * The derived tables' statistics as a database autovacuum has visited leaves them: they describe the
 * users written so far (here the warm-up and the smaller sizes), not the user about to be
 * recomputed. A throwaway database that never analyzed them plans from their page counts instead,
 * which hides what the first full recompute's rows do to the second one's plans.
 */
async function analyzeEarlierUsers() {
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`ANALYZE ${[...DERIVED_TABLES, "recompute_flat_cuts"].join(", ")}`);
  } finally {
    await admin.end();
  }
}

/** A new user holding an imported history of about `fills` option fills. */
async function importedUser(fills: number): Promise<string> {
  const decades = fills / FILLS_PER_TRADER_DECADE;
  const file =
    decades >= 1
      ? longActivityReport({ traders: Math.round(decades), months: 120, shape: args.shape })
      : longActivityReport({ traders: 1, months: Math.max(1, Math.round(decades * 120)) });
  // A fresh Robinhood-style id per run, so a shared DATABASE_URL never mixes two runs.
  const robinhoodUserId = randomUUID();
  const result = await importCsvFile({
    db,
    robinhoodUserId,
    fileName: "bench.csv",
    text: readFileSync(file),
    limits: { bytesPerDay: Number.MAX_SAFE_INTEGER, writeTimeoutMs: 3_600_000 },
  });
  if (result.status !== "imported") throw new Error(`import did not succeed: ${JSON.stringify(result)}`);
  return robinhoodUserId;
}

/** Each underlying's flat cut, with how many of its fills are dated from it on. */
async function flatCuts(robinhoodUserId: string) {
  return withUserTransaction({ db, robinhoodUserId, purpose: "work" }, async (tx) => {
    // Right after the import the raw tables' statistics still describe them as nearly empty, and
    // this join then ran as nested loops for minutes at 100,000 fills; hash joins take a second.
    await tx.$executeRawUnsafe("SET LOCAL enable_nestloop = off");
    return tx.$queryRawUnsafe<{ underlying: string; day: string; fills: number; after: number }[]>(
      `SELECT c.underlying, c.cut_day::text AS day, count(e.*)::int AS fills,
              (count(e.*) FILTER (WHERE e.trade_date >= c.cut_day))::int AS after
         FROM recompute_flat_cuts c
         JOIN option_instruments i ON i.underlying = c.underlying
         JOIN option_legs l ON l.instrument_id = i.id
         JOIN option_executions e ON e.leg_id = l.id
        GROUP BY c.underlying, c.cut_day ORDER BY c.underlying`,
    );
  });
}

/** Every cut when there are a few; past ten underlyings, how many fills the cuts leave to replay. */
function describeCuts(cuts: { underlying: string; day: string; fills: number; after: number }[]): string {
  const one = (cut: (typeof cuts)[number]) =>
    `${cut.underlying} ${cut.day} (${cut.after.toLocaleString("en-US")} of ${cut.fills.toLocaleString("en-US")} fills from it on)`;
  if (cuts.length <= 10) return cuts.map(one).join(", ");
  const after = cuts.map((cut) => cut.after).sort((a, b) => a - b);
  const at = (share: number) => after[Math.min(after.length - 1, Math.floor(share * after.length))] ?? 0;
  const never = cuts.filter((cut) => cut.after === cut.fills).length;
  return `${cuts.length} underlyings, ${never} never flat after their first day; fills from the cut on: median ${at(0.5)}, 90th percentile ${at(0.9)}, most ${at(1)}`;
}

/** Appends `count` new fills dated yesterday (after every fill of the generated history). */
function appendFills(robinhoodUserId: string, count: number, underlying?: string) {
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  appends += 1;
  return appendFillsAsImport({ db, robinhoodUserId, count, day, underlying, round: appends });
}

/** The 1-, 5- and 15-minute load averages: the machine is shared, so every figure carries its load. */
function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(1))
    .join(" / ");
}

function rate(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}
