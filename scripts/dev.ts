// `npm run dev`: Rollbook on http://localhost:3000. Without DATABASE_URL an embedded PostgreSQL is
// started (data kept in .data/postgres) and migrated; it stops when this process ends.
import path from "node:path";
import { provideDatabase } from "@/lib/local-db/provide-database";
import { runChild } from "./run-child";

const database = await provideDatabase({ purpose: "dev", log: (line) => console.log(`[rollbook] ${line}`) });
const env = { ...process.env, ...database.env, NEXT_TELEMETRY_DISABLED: "1" };

const exitCode = await runChild({
  command: path.resolve("node_modules/.bin/next"),
  args: ["dev", ...process.argv.slice(2)],
  env,
});
await database.stop();
process.exit(exitCode);
