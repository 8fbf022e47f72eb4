/**
 * Time to open the demo: `npm run bench:demo [-- --visitors 5]`.
 *
 * Starts the simulated Robinhood and a throwaway embedded PostgreSQL (or DATABASE_URL), then opens
 * the demo for several visitors one after another, as the "Open the demo account" button does: sign
 * in to the simulator, create the visitor's own demo user, sync two years of history into it and
 * compute P&L. Prints each opening and the median. A first opening warms up the simulator's history
 * and the code paths and is reported apart. For comparison, under the same load, it also times what
 * reopening the one shared demo account cost before each visitor had their own: an incremental
 * re-sync and a recompute of an account that is already synced.
 */
import { z } from "zod";
import { provideDatabase } from "@/lib/local-db/provide-database";
import { openRobinhoodSession } from "@/lib/server/credentials/open-robinhood-session";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { openDemoAccount } from "@/lib/server/demo/open-demo-account";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { syncUser } from "@/lib/server/sync/sync-user";
import { startSimulator } from "@/simulator";
import { median } from "./bench/median";
import { parseFlags } from "./bench/parse-flags";

const args = z
  .object({ visitors: z.coerce.number().int().min(1).max(50).default(5) })
  .parse(parseFlags(process.argv.slice(2)));

const simulator = await startSimulator({ port: 0 });
const database = await provideDatabase({ purpose: "test" });
const db = createPrismaClient(database.env.DATABASE_URL);
try {
  const open = async () => {
    const started = performance.now();
    const opened = await openDemoAccount({ db, baseUrl: simulator.url });
    return { ms: performance.now() - started, robinhoodUserId: opened.robinhoodUserId };
  };
  const resync = async (robinhoodUserId: string) => {
    const started = performance.now();
    const session = await openRobinhoodSession({ db, robinhoodUserId, baseUrl: simulator.url });
    await syncUser({ db, robinhoodUserId, session });
    await recomputeUserPnl({ db, robinhoodUserId, trigger: "bench" });
    return performance.now() - started;
  };
  const first = await open();
  console.log(`first opening (cold): ${Math.round(first.ms)} ms`);
  const opens: number[] = [];
  const resyncs: number[] = [];
  for (let visitor = 1; visitor <= args.visitors; visitor++) {
    const { ms } = await open();
    opens.push(ms);
    const again = await resync(first.robinhoodUserId);
    resyncs.push(again);
    console.log(
      `visitor ${visitor}: ${Math.round(ms)} ms (re-sync of a synced account: ${Math.round(again)} ms)`,
    );
  }
  console.log(`median opening of a new demo account: ${Math.round(median(opens))} ms`);
  console.log(`median re-sync and recompute of an already synced account: ${Math.round(median(resyncs))} ms`);
} finally {
  await db.$disconnect();
  await database.stop();
  await simulator.close();
}
