/**
 * Pages under load: `npm run bench:web [-- --requests 40 --rounds 3 --concurrency 8 --build yes]`.
 *
 * Builds the app (`next build`; `--build no` reuses .next), starts a throwaway embedded PostgreSQL
 * (or DATABASE_URL) and imports a generated history of about 10,000 option fills for one user
 * (`--fills`; the simulator's traders written as one activity report, as bench:recompute does) and
 * recomputes it, then serves the build with `next start`. Signed in with a session cookie minted as
 * next-auth would, it loads each page of PAGES and `/api/health` under `--concurrency` parallel
 * requests, in `--rounds` interleaved rounds of `--requests` each (machine noise falls on every
 * target alike), and prints each one's p50 and p95, its p95 over `/api/health`'s, the server's CPU per
 * request, and the page's weight: HTML, the RSC payload inlined in it, and the RSC payload a
 * client-side navigation fetches. Target: every page's p95 <= 3x `/api/health`'s.
 * `--cpu-prof <folder>` has the server write a V8 CPU profile of the whole run there (open it in
 * Chrome's DevTools, or summarise it with `scripts/bench/cpu-profile-summary.ts`). `--only dashboard,chain`
 * loads only the pages whose names start with those words (and `/api/health`): one page's profile.
 */
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { encode } from "next-auth/jwt";
import { z } from "zod";
import { userIdFromRobinhoodUserId } from "@/lib/identity/user-id";
import { provideDatabase } from "@/lib/local-db/provide-database";
import { readSessionVersion } from "@/lib/server/auth/session-version";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { readAsUser } from "@/lib/server/db/read-as-user";
import { importCsvFile } from "@/lib/server/imports/import-csv-file";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { longActivityReport } from "./bench/long-activity-report";
import { freePort, startNextServer } from "./bench/next-server";
import { parseFlags } from "./bench/parse-flags";
import { type Batch, measurePageSize, type PageSize, percentile, runBatch } from "./bench/web-load";
import { runChild } from "./run-child";

const args = z
  .object({
    fills: z.coerce.number().int().min(500).max(200_000).default(10_000),
    requests: z.coerce.number().int().min(8).max(10_000).default(40),
    rounds: z.coerce.number().int().min(1).max(50).default(3),
    concurrency: z.coerce.number().int().min(1).max(64).default(8),
    build: z.enum(["yes", "no"]).default("yes"),
    /** A folder: the `next start` server writes a V8 CPU profile there when it stops (--cpu-prof). */
    "cpu-prof": z.string().min(1).optional(),
    /** Comma-separated page names (or their first words): only these pages are loaded. */
    only: z
      .string()
      .min(1)
      .transform((list) => list.split(",").map((name) => name.trim()))
      .optional(),
  })
  .parse(parseFlags(process.argv.slice(2)));

// A production build refuses to start without these; they exist only for this run (as in test-all).
const benchSecrets = {
  NEXTAUTH_SECRET: "bench-only-nextauth-secret-00000000000000",
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  CRON_SECRET: "bench-only-cron-secret-000",
};
/** What a browser sends when it loads a page (a link followed, an address typed, a reload). */
const BROWSER_NAVIGATION = {
  accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
  "sec-fetch-dest": "document",
  "sec-fetch-mode": "navigate",
  "sec-fetch-site": "same-origin",
};
// A ten-year history of one simulated trader holds about this many option fills.
const FILLS_PER_TRADER_DECADE = 3_900;

type Target = {
  name: string;
  path: string;
  signedIn: boolean;
  /** Request headers besides the cookie. */
  headers?: Record<string, string>;
  /** Measured for reference, not judged against the target. */
  reference?: boolean;
};

const database = await provideDatabase({ purpose: "test" });
const db = createPrismaClient(database.env.DATABASE_URL);
const env = {
  ...process.env,
  ...database.env,
  ...benchSecrets,
  NODE_ENV: "production" as const,
  NEXT_TELEMETRY_DISABLED: "1",
  LOG_LEVEL: "warn",
};
try {
  if (args.build === "yes" || !existsSync(".next/BUILD_ID")) {
    console.log("next build …");
    const code = await runChild({ command: "node_modules/.bin/next", args: ["build"], env });
    if (code !== 0) throw new Error(`next build failed (${code})`);
  }
  const user = await importedUser(args.fills);
  const fills = (await recomputeUserPnl({ db, robinhoodUserId: user, trigger: "bench" })).executions;
  const chain = await heaviestChain(user);
  const cookie = await sessionCookie(user);

  /** Every page the bench loads, one list: a page added to the app gets one line here. */
  const PAGES: Target[] = [
    { name: "dashboard", path: "/dashboard", signedIn: true },
    { name: "chains", path: "/chains", signedIn: true },
    { name: `chain (${chain.lots} lots)`, path: `/chains/${chain.id}`, signedIn: true },
    { name: "positions", path: "/positions", signedIn: true },
    // The Activity page, where this checkout has it.
    ...(existsSync("app/(app)/activity/page.tsx")
      ? [{ name: "activity", path: "/activity", signedIn: true }]
      : []),
  ];
  const HEALTH: Target = { name: "/api/health", path: "/api/health", signedIn: false };
  const only = args.only;
  const chosen = only ? PAGES.filter((page) => only.some((name) => page.name.startsWith(name))) : PAGES;
  if (chosen.length === 0)
    throw new Error(`--only matched no page of ${PAGES.map((page) => page.name).join(", ")}`);
  // Each page twice: as a browser loads it (a kept page when nothing changed since it was rendered,
  // lib/server/page-cache), and as a hard reload does (`Cache-Control: no-cache`: rendered every time),
  // which is also what the first load after every change costs.
  const loaded = chosen.map((page): Target => ({ ...page, headers: BROWSER_NAVIGATION }));
  const rendered = chosen.map(
    (page): Target => ({
      ...page,
      name: `${page.name}, rendered`,
      headers: { ...BROWSER_NAVIGATION, "cache-control": "no-cache" },
      reference: true,
    }),
  );
  const targets = [HEALTH, ...loaded, ...rendered];

  const cpuProf = args["cpu-prof"];
  const server = await startNextServer({
    env,
    port: await freePort(),
    nodeArgs: cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${cpuProf}`] : [],
  });
  try {
    const load = (target: Target, requests: number) =>
      runBatch({
        baseUrl: server.url,
        path: target.path,
        cookie: target.signedIn ? cookie : undefined,
        headers: target.headers,
        requests,
        concurrency: args.concurrency,
        serverPid: server.pid,
      });
    // Warm-up, not timed: the first renders load each route's code.
    for (const target of targets) await load(target, args.concurrency * 2);
    const batches = new Map<string, Batch[]>(targets.map((target) => [target.name, []]));
    for (let round = 0; round < args.rounds; round++)
      for (const target of targets) batches.get(target.name)?.push(await load(target, args.requests));
    const sizes = new Map<string, PageSize>();
    for (const page of chosen) sizes.set(page.name, await measurePageSize(server.url, page.path, cookie));

    const stats = (name: string) => {
      const runs = batches.get(name) ?? [];
      const all = runs.flatMap((batch) => batch.milliseconds);
      const cpu = runs.reduce((sum, batch) => sum + batch.serverCpuMs, 0) / Math.max(1, runs.length);
      const kept = runs.reduce((sum, batch) => sum + batch.kept, 0) / Math.max(1, all.length);
      return { p50: percentile(all, 50), p95: percentile(all, 95), cpu, kept };
    };
    const health = stats(HEALTH.name);
    console.log(
      `\n${fills.toLocaleString("en-US")} fills, concurrency ${args.concurrency}, ${args.rounds} × ${args.requests} requests per target; ${new Date().toISOString()}, load average ${loadavg()
        .map((value) => value.toFixed(2))
        .join(" ")}`,
    );
    console.log(
      `${"target".padEnd(32)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p95/health".padStart(10)} ${"CPU ms/req".padStart(10)} ${"kept".padStart(6)} ${"HTML KiB".padStart(9)} ${"inline RSC KiB".padStart(14)} ${"RSC KiB".padStart(8)}`,
    );
    let missed = 0;
    for (const target of targets) {
      const { p50, p95, cpu, kept } = stats(target.name);
      const ratio = p95 / health.p95;
      const size = sizes.get(target.name);
      const kib = (bytes: number | undefined) => (bytes === undefined ? "" : (bytes / 1024).toFixed(1));
      if (target !== HEALTH && !target.reference && ratio > 3) missed++;
      const name = target.reference ? `${target.name} (reference)` : target.name;
      console.log(
        `${name.padEnd(32)} ${p50.toFixed(0).padStart(8)} ${p95.toFixed(0).padStart(8)} ${(target === HEALTH ? "" : `${ratio.toFixed(2)}×`).padStart(10)} ${cpu.toFixed(1).padStart(10)} ${(target.signedIn ? `${(kept * 100).toFixed(1)}%` : "").padStart(6)} ${kib(size?.htmlBytes).padStart(9)} ${kib(size?.inlineRscBytes).padStart(14)} ${kib(size?.rscBytes).padStart(8)}`,
      );
    }
    console.log(
      missed === 0
        ? "target met: every page's p95 <= 3× /api/health's"
        : `target missed by ${missed} page(s): p95 > 3× /api/health's`,
    );
  } finally {
    await server.stop();
  }
} finally {
  await db.$disconnect();
  await database.stop();
}

/** A new user holding an imported history of about `fills` option fills. */
async function importedUser(fills: number): Promise<string> {
  const traders = Math.max(1, Math.round(fills / FILLS_PER_TRADER_DECADE));
  const months = Math.max(1, Math.min(120, Math.round((fills / traders / FILLS_PER_TRADER_DECADE) * 120)));
  const file = longActivityReport({ traders, months });
  const robinhoodUserId = crypto.randomUUID();
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

/** The chain page with the most to show: the user's chain with the most closed lots. */
async function heaviestChain(robinhoodUserId: string): Promise<{ id: string; lots: number }> {
  const [row] = await readAsUser(
    { db, robinhoodUserId },
    (tx, scoped) =>
      tx.$queryRaw<{ id: string; lots: number }[]>`
      SELECT chain_id::text AS id, count(*)::int AS lots FROM matched_lots
      WHERE user_id = ${scoped.id}::uuid AND chain_id IS NOT NULL
      GROUP BY chain_id ORDER BY count(*) DESC, chain_id LIMIT 1`,
  );
  if (!row) throw new Error("the generated user has no chain");
  return row;
}

/** The cookie next-auth sets at sign-in: a JWT of the ids and the session version, under the secret. */
async function sessionCookie(robinhoodUserId: string): Promise<string> {
  const userId = userIdFromRobinhoodUserId(robinhoodUserId);
  const sessionVersion = await readSessionVersion(userId, { db });
  if (sessionVersion === null) throw new Error("the generated user does not exist");
  const token = await encode({
    token: { sub: userId, robinhoodUserId, sessionVersion },
    secret: benchSecrets.NEXTAUTH_SECRET,
    maxAge: 7 * 24 * 60 * 60,
  });
  return `next-auth.session-token=${token}`;
}
