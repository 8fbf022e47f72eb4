// `npm run dev`: Rollbook on http://localhost:3000. Without DATABASE_URL an embedded PostgreSQL is
// started (data kept in .data/postgres) and migrated; without DEMO_ROBINHOOD_URL the simulated
// Robinhood that backs the demo account is started too, its history ending today. Both stop when
// this process ends.
import path from "node:path";
import { provideDatabase } from "@/lib/local-db/provide-database";
import { startSimulator } from "@/simulator";
import { runChild } from "./run-child";

const log = (line: string) => console.log(`[rollbook] ${line}`);
const database = await provideDatabase({ purpose: "dev", log });
const simulator = process.env.DEMO_ROBINHOOD_URL
  ? undefined
  : await startSimulator({ port: 0, now: new Date().toISOString() });
if (simulator) log(`Simulated Robinhood for the demo account on ${simulator.url}`);

const env = {
  ...process.env,
  ...database.env,
  ...(simulator ? { DEMO_ROBINHOOD_URL: simulator.url } : {}),
  NEXT_TELEMETRY_DISABLED: "1",
};

const exitCode = await runChild({
  command: path.resolve("node_modules/.bin/next"),
  args: ["dev", ...process.argv.slice(2)],
  env,
});
await simulator?.close();
await database.stop();
process.exit(exitCode);
