/**
 * Benchmark of the cron: `npm run bench:cron [-- --mode all|queued|sync --users N --months 3 --concurrency 4]`.
 *
 * Mode `queued` (scripts/bench/queued-recompute-tick.ts; `--users` default 100): the #15 target as
 * stated, users with 1,000–10,000-fill histories and 10 new fills each, queued for recompute, and how
 * many of them one cron tick with the route's budget gets through, beside the floor of a tick over
 * the same users queued with nothing changed; once per level of `--recompute-concurrency` (default
 * `1,3`: one user at a time, as ticks ran before, and the default).
 *
 * Mode `sync` (`--users` default 1,000): `--users` traders, each with `--months` of realistic options and stock history on the simulated
 * Robinhood (real HTTP, in this process), sign in (not timed) and are put on the schedule. Repeated
 * cron ticks then sync and recompute all of them (the first, full sync), an idle tick runs, and an
 * hour later every user is due again and synced incrementally (the steady state). For each phase it
 * prints users per second, database queries per user and Robinhood requests per user; for the idle
 * tick its query count. Beside them, the floor they are judged against: the same users claimed and
 * released with no sync in between (two queries per user), and an idle tick's one read of the
 * schedule. Runs on a throwaway embedded PostgreSQL (or DATABASE_URL).
 */
import pg from "pg";
import { z } from "zod";
import { provideDatabase } from "@/lib/local-db/provide-database";
import { startSimulator, TEST_PASSWORD } from "@/simulator";
import { parseFlags } from "./bench/parse-flags";

// Before anything reads the environment: one log line per synced user would drown the figures.
process.env.LOG_LEVEL ??= "error";
const { createRobinhoodClient } = await import("@/lib/robinhood/client");
const { completeRobinhoodSignIn } = await import("@/lib/server/auth/complete-robinhood-sign-in");
const { runCronTick } = await import("@/lib/server/cron/run-cron-tick");
const { claimDueUser } = await import("@/lib/server/scheduled-sync/claim-due-user");
const { recordScheduledSuccess } = await import("@/lib/server/scheduled-sync/record-scheduled-outcome");
const { benchQueuedTick } = await import("./bench/queued-recompute-tick");
const { createPrismaClient } = await import("@/lib/server/db/create-prisma-client");
type Database = import("@/lib/server/db/create-prisma-client").Database;

const args = z
  .object({
    mode: z.enum(["all", "queued", "sync"]).default("all"),
    users: z.coerce.number().int().min(1).max(100_000).optional(),
    months: z.coerce.number().int().min(1).max(120).default(3),
    concurrency: z.coerce.number().int().min(1).max(32).default(4),
    "recompute-concurrency": z
      .string()
      .default("1,3")
      .transform((text) =>
        text.split(",").map((level) => z.coerce.number().int().min(1).max(16).parse(level)),
      ),
  })
  .parse(parseFlags(process.argv.slice(2)));

/** 17:00 New York on a trading day: closed, so a synced user is due again an hour later. */
const NOW = new Date("2026-11-18T22:00:00Z");
const HOUR = 3_600_000;
const settings = {
  openMinutes: 15,
  closedMinutes: 60,
  backoffMaxMinutes: 360,
  concurrency: args.concurrency,
};
const DEVICE_TOKEN = "0c3e4a6f-2b8d-4f1a-9c7e-5d2b8a9f1e03";
const syncUsers = args.users ?? 1_000;
const usernames = Array.from(
  { length: args.mode === "queued" ? 0 : syncUsers },
  (_, index) => `bench-${index}@rollbook.dev`,
);

// Every statement sent to the server, by Prisma or straight on a connection (COPY, merged writes).
let queries = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  queries++;
  return (query as (...args: unknown[]) => unknown).apply(this, args);
} as typeof query;

// Set by benchScheduledSyncs, read by the helpers below it.
let simulator: Awaited<ReturnType<typeof startSimulator>>;
let db: Database;

const database = await provideDatabase({ purpose: "test" });
try {
  if (args.mode !== "sync") {
    // The owner's connection to the same database, for copying histories.
    const adminUrl = new URL(database.env.DATABASE_ADMIN_URL);
    adminUrl.pathname = new URL(database.env.DATABASE_URL).pathname;
    await benchQueuedTick({
      databaseUrl: database.env.DATABASE_URL,
      adminUrl: adminUrl.toString(),
      users: args.users ?? 100,
      // A day after the simulated histories end, after the close: the new fills' trading date.
      now: new Date(NOW.getTime() + 24 * HOUR),
      settings,
      concurrencies: args["recompute-concurrency"],
    });
  }
  if (args.mode !== "queued") await benchScheduledSyncs();
} finally {
  await database.stop();
}

/** Scheduled syncs of `--users` simulated traders: the full first sync, an idle tick, the next sync. */
async function benchScheduledSyncs() {
  simulator = await startSimulator({
    port: 0,
    now: NOW.toISOString(),
    users: usernames.map((username) => ({
      username,
      password: TEST_PASSWORD,
      flow: { kind: "direct" as const },
      months: args.months,
    })),
  });
  // The application's own client: recompute reads and writes by COPY on its tracked connections.
  const client = createPrismaClient(database.env.DATABASE_URL, { maxConnections: args.concurrency + 4 });
  db = client;
  try {
    console.log(
      `bench:cron: ${syncUsers.toLocaleString("en-US")} users × ${args.months} months of history, ${args.concurrency} syncs at a time per tick`,
    );
    let started = performance.now();
    await connectAll();
    console.log(`set-up: ${syncUsers} sign-ins in ${seconds(started)} s (not counted below)`);

    const full = await tickUntilDone(NOW);
    report("full sync + recompute", full);

    queries = 0;
    started = performance.now();
    const idle = await runCronTick({
      db,
      budgetMs: 40_000,
      now: () => new Date(NOW.getTime() + 60_000),
      settings,
    });
    if (idle.sync.claimed !== 0) throw new Error("the idle tick claimed users");
    console.log(
      `idle tick: ${queries} queries in ${(performance.now() - started).toFixed(0)} ms with ${syncUsers} users scheduled (floor: 1 query, the schedule's backlog; the tick's other work, demo expiry, sign-in state, the recompute queue and its own record, adds ${queries - 1})`,
    );

    const incremental = await tickUntilDone(new Date(NOW.getTime() + HOUR));
    report("incremental sync + recompute, an hour later", incremental);

    const floor = await claimFloor(new Date(NOW.getTime() + 2 * HOUR));
    console.log(
      `floor: claiming and releasing the same ${syncUsers} users with no sync: ${rate(syncUsers / floor.seconds)} users/s, ${(floor.queries / syncUsers).toFixed(1)} queries per user`,
    );
  } finally {
    await client.$disconnect();
    await simulator.close();
  }
}

async function connectAll() {
  const robinhood = createRobinhoodClient({ baseUrl: simulator.url });
  let next = 0;
  const worker = async () => {
    while (next < usernames.length) {
      const username = usernames[next++] ?? "";
      const outcome = await robinhood.login({ username, password: TEST_PASSWORD, deviceToken: DEVICE_TOKEN });
      if (outcome.kind !== "authenticated") throw new Error(`sign-in of ${username} needs ${outcome.kind}`);
      await completeRobinhoodSignIn({
        client: robinhood,
        tokens: outcome.tokens,
        deviceToken: DEVICE_TOKEN,
        db,
        now: NOW,
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

type Phase = {
  users: number;
  failed: number;
  /** Recomputes the tick's queue worker could not finish (a recompute after a sync that failed stays queued). */
  recomputeFailed: number;
  ticks: number;
  seconds: number;
  queries: number;
  requests: number;
};

/** Ticks at `at` until nobody is due; every tick has the production budget. */
async function tickUntilDone(at: Date): Promise<Phase> {
  simulator.controls.clearRequests();
  queries = 0;
  const started = performance.now();
  const phase: Phase = {
    users: 0,
    failed: 0,
    recomputeFailed: 0,
    ticks: 0,
    seconds: 0,
    queries: 0,
    requests: 0,
  };
  while (true) {
    const tick = await runCronTick({ db, budgetMs: 40_000, now: () => at, settings, baseUrl: simulator.url });
    phase.ticks++;
    phase.users += tick.sync.synced;
    phase.failed += tick.sync.failed;
    phase.recomputeFailed += tick.failed;
    if (tick.sync.claimed === 0) break;
  }
  phase.seconds = (performance.now() - started) / 1000;
  phase.queries = queries;
  phase.requests = simulator.controls.countRequests();
  return phase;
}

async function claimFloor(at: Date): Promise<{ seconds: number; queries: number }> {
  queries = 0;
  const started = performance.now();
  const worker = async () => {
    while (true) {
      const claim = await claimDueUser(db, at);
      if (!claim) return;
      await recordScheduledSuccess(db, claim.userId, at, settings);
    }
  };
  await Promise.all(Array.from({ length: args.concurrency }, worker));
  return { seconds: (performance.now() - started) / 1000, queries };
}

function report(name: string, phase: Phase) {
  console.log(
    `${name}: ${phase.users} users in ${phase.seconds.toFixed(1)} s over ${phase.ticks} ticks = ${rate(phase.users / phase.seconds)} users/s; ${(phase.queries / Math.max(1, phase.users)).toFixed(1)} queries and ${(phase.requests / Math.max(1, phase.users)).toFixed(1)} Robinhood requests per user${phase.failed ? `; ${phase.failed} syncs FAILED` : ""}${phase.recomputeFailed ? `; ${phase.recomputeFailed} recomputes FAILED` : ""}`,
  );
  if (phase.failed || phase.recomputeFailed) process.exitCode = 1;
}

function rate(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
}

function seconds(started: number): string {
  return ((performance.now() - started) / 1000).toFixed(1);
}
