import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { runCronTick } from "@/lib/server/cron/run-cron-tick";
import { createPrismaClient, type Database } from "@/lib/server/db/create-prisma-client";
import { withUserTransaction } from "@/lib/server/db/with-user-transaction";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { markInputsChanged } from "@/lib/server/recompute/mark-inputs-changed";
import type { RecomputeSummary } from "@/lib/server/recompute/recompute-in-transaction";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import type { ScheduleSettings } from "@/lib/server/scheduled-sync/schedule-settings";
import { appendFills } from "./append-fills";
import { cloneUserHistory } from "./clone-user-history";
import { longActivityReport } from "./long-activity-report";

/**
 * The histories the queued users get, round robin: one simulated trader over 30, 60 and 120 months,
 * then two and three traders' decades in one account (about 1,000, 2,000, 3,900, 7,800 and 9,800
 * option fills). Each is imported once; the other users get a copy (cloneUserHistory).
 */
const TEMPLATES = [
  { traders: 1, months: 30 },
  { traders: 1, months: 60 },
  { traders: 1, months: 120 },
  { traders: 2, months: 120 },
  { traders: 3, months: 100 },
];
/** The production route's budget (app/api/cron/tick/route.ts). */
const ROUTE_BUDGET_MS = 40_000;
/** What the target counts users per. */
const TARGET_TICK_SECONDS = 45;

export type QueuedTickOptions = {
  databaseUrl: string;
  /** The owner's connection to the same database (cloning bypasses row-level security). */
  adminUrl: string;
  users: number;
  /** The valuation instant of every recompute; the new fills are dated on its trading date. */
  now: Date;
  settings: ScheduleSettings;
  /** Runs the tick once per level of recompute concurrency (users recomputed at the same time). */
  concurrencies: number[];
};

// Every statement any connection of this process sends (Prisma's included).
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return (query as (...args: unknown[]) => unknown).apply(this, args);
} as typeof query;

/**
 * The #15 target as stated: `users` users with 1,000–10,000-fill histories, each recomputed once,
 * then given 10 new fills on one book the way sync and import record them (queued, book touched),
 * then ONE cron tick with the route's budget works the queue. Prints the users it got through, per
 * second and per 45 s tick, statements per user and where each user's time went, beside the floor
 * measured in the same run: a tick over the same users queued with nothing changed (claim, plan,
 * record the run, commit), and the ratio. Nothing before the tick is timed.
 */
export async function benchQueuedTick(options: QueuedTickOptions): Promise<void> {
  const db = createPrismaClient(options.databaseUrl);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    const started = performance.now();
    const users = await prepareUsers(db, admin, options);
    console.log(
      `queued: ${users.length} users, ${describeFills(users.map((user) => user.fills))} option fills each; set-up (import, copies, first recompute, 10 new fills each, ANALYZE) ${seconds(started)} s, not timed`,
    );
    for (const [round, concurrency] of options.concurrencies.entries()) {
      if (round > 0) {
        // Another 10 new fills each, so the queue holds the same kind of work again.
        const day = options.now.toISOString().slice(0, 10);
        for (const user of users)
          await appendFills({ db, robinhoodUserId: user.robinhoodUserId, count: 10, day, round });
        await admin.query("ANALYZE");
      }
      const tick = await timedTick(db, options, concurrency);
      report(
        `${concurrency} at a time: one tick over ${users.length} queued users, 10 new fills each`,
        tick,
        concurrency,
      );
      if (tick.failed > 0) process.exitCode = 1;
      // Whatever the tick left (its budget ran out) is recomputed before the floor.
      while ((await timedTick(db, options, concurrency)).recomputed > 0) {}

      for (const user of users)
        await withUserTransaction(
          { db, robinhoodUserId: user.robinhoodUserId, purpose: "work" },
          (tx, scoped) => markInputsChanged(tx, scoped, { full: false }),
        );
      const floor = await timedTick(db, options, concurrency);
      report(
        `${concurrency} at a time, floor: one tick over the same users queued with nothing changed`,
        floor,
        concurrency,
      );
      console.log(
        `${concurrency} at a time: queued users per ${TARGET_TICK_SECONDS} s tick ${perTick(tick).toFixed(0)} (floor ${perTick(floor).toFixed(0)}; a queued user costs ${(floor.usersPerSecond / tick.usersPerSecond).toFixed(1)}× the floor's)`,
      );
    }
  } finally {
    await admin.end();
    await db.$disconnect();
  }
}

type QueuedUser = { robinhoodUserId: string; fills: number };

async function prepareUsers(
  db: Database,
  admin: pg.Client,
  options: QueuedTickOptions,
): Promise<QueuedUser[]> {
  const users: QueuedUser[] = [];
  const templates = TEMPLATES.slice(0, Math.min(TEMPLATES.length, options.users));
  const copies = templates.map(() => [] as string[]);
  for (const template of templates) {
    const robinhoodUserId = randomUUID();
    const result = await importCsvFile({
      db,
      robinhoodUserId,
      fileName: "bench.csv",
      text: readFileSync(longActivityReport(template)),
      limits: { bytesPerDay: Number.MAX_SAFE_INTEGER, writeTimeoutMs: 3_600_000 },
    });
    if (result.status !== "imported") throw new Error(`import did not succeed: ${JSON.stringify(result)}`);
    users.push({ robinhoodUserId, fills: 0 });
  }
  for (let index = templates.length; index < options.users; index++) {
    const robinhoodUserId = randomUUID();
    // The user row, as the first sign-in writes it; the history is copied in below.
    await withUserTransaction({ db, robinhoodUserId, purpose: "work" }, async () => {});
    copies[index % templates.length]?.push(userIdFromRobinhoodUserId(robinhoodUserId));
    users.push({ robinhoodUserId, fills: 0 });
  }
  for (const [index, to] of copies.entries()) {
    const from = users[index];
    if (from && to.length > 0)
      await cloneUserHistory(admin, userIdFromRobinhoodUserId(from.robinhoodUserId), to);
  }
  await admin.query("ANALYZE");
  // The first recompute of every history, two at a time (the machine has two cores).
  let next = 0;
  const recomputeAll = async () => {
    for (let user = users[next++]; user; user = users[next++]) {
      const summary = await recomputeUserPnl({
        db,
        robinhoodUserId: user.robinhoodUserId,
        trigger: "bench",
        now: options.now,
      });
      user.fills = summary.executions;
    }
  };
  await Promise.all([recomputeAll(), recomputeAll()]);
  const day = options.now.toISOString().slice(0, 10);
  for (const user of users) await appendFills({ db, robinhoodUserId: user.robinhoodUserId, count: 10, day });
  await admin.query("ANALYZE");
  return users;
}

type Tick = {
  recomputed: number;
  failed: number;
  seconds: number;
  budgetExhausted: boolean;
  usersPerSecond: number;
  statements: number;
  summaries: RecomputeSummary[];
};

async function timedTick(db: Database, options: QueuedTickOptions, concurrency: number): Promise<Tick> {
  const summaries: RecomputeSummary[] = [];
  const statementsBefore = statements;
  const started = performance.now();
  const tick = await runCronTick({
    db,
    budgetMs: ROUTE_BUDGET_MS,
    now: () => options.now,
    settings: options.settings,
    recomputeConcurrency: concurrency,
    onRecomputed: (summary) => summaries.push(summary),
  });
  const elapsed = (performance.now() - started) / 1000;
  return {
    recomputed: tick.recomputed,
    failed: tick.failed,
    seconds: elapsed,
    budgetExhausted: tick.budgetExhausted,
    usersPerSecond: tick.recomputed / elapsed,
    statements: statements - statementsBefore,
    summaries,
  };
}

/** Users one tick of TARGET_TICK_SECONDS gets through at the measured rate. */
function perTick(tick: Tick): number {
  return tick.usersPerSecond * TARGET_TICK_SECONDS;
}

function report(name: string, tick: Tick, concurrency: number) {
  const users = Math.max(1, tick.recomputed);
  const mean = (pick: (summary: RecomputeSummary) => number) =>
    (tick.summaries.reduce((sum, summary) => sum + pick(summary), 0) / users).toFixed(0);
  const inTransaction = Number(mean((summary) => summary.durationMs));
  const wallPerUser = (tick.seconds * 1000) / users;
  // Time one user's worker spent on it: the tick's wall clock shared among the workers.
  const workerPerUser = wallPerUser * Math.min(concurrency, users);
  const replayed = tick.summaries.map((summary) => summary.executions);
  console.log(
    `${name}: ${tick.recomputed} users in ${tick.seconds.toFixed(1)} s (budget ${ROUTE_BUDGET_MS / 1000} s${tick.budgetExhausted ? ", spent: it stopped claiming" : ", queue emptied"}) = ${tick.usersPerSecond.toFixed(2)} users/s = ${perTick(tick).toFixed(0)} users per ${TARGET_TICK_SECONDS} s tick; ${(tick.statements / users).toFixed(1)} statements per user${tick.failed ? `; ${tick.failed} FAILED` : ""}`,
  );
  console.log(
    `  per user: ${wallPerUser.toFixed(0)} ms of the tick's wall clock, ${workerPerUser.toFixed(0)} ms of a worker's; recompute in its transaction ${inTransaction} ms (load ${mean((s) => s.phaseMs.load)}, engine ${mean((s) => s.phaseMs.compute)}, rows built ${mean((s) => s.phaseMs.build)}, written ${mean((s) => s.phaseMs.write)} ms; ${describeFills(replayed)} fills replayed); claim, user scope, run record and commit ${(workerPerUser - inTransaction).toFixed(0)} ms`,
  );
}

function describeFills(fills: number[]): string {
  const sorted = [...fills].sort((a, b) => a - b);
  const at = (share: number) =>
    (sorted[Math.floor(share * (sorted.length - 1))] ?? 0).toLocaleString("en-US");
  return `${at(0)}–${at(1)} (median ${at(0.5)})`;
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}
