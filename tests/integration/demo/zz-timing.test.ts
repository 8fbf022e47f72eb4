import { afterAll, beforeAll, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "@/lib/robinhood/simulator";
import { setUpTestDatabases, truncateAll } from "@/tests/support/test-database";

const bed = setUpTestDatabases();
let simulator: RunningSimulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
  process.env.DEMO_ROBINHOOD_URL = simulator.url;
  await truncateAll(bed.owner);
});
afterAll(() => simulator.close());

it("times opening the demo", async () => {
  const { openDemoAccount } = await import("@/lib/server/demo/open-demo-account");
  for (let i = 0; i < 3; i++) {
    await truncateAll(bed.owner);
    const t = Date.now();
    const r = await openDemoAccount({ db: bed.db, now: new Date(Date.now() + i * 20 * 60_000) });
    console.log("OPEN", i, Date.now() - t, "ms synced", r.synced);
  }
  expect(true).toBe(true);
}, 300_000);
