/**
 * Runs the simulated Robinhood API (`npm run simulator`), or writes a user's history as an
 * activity-report CSV and exits (`npm run simulator -- --write-csv demo.csv --user demo@rollbook.dev`).
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import {
  DEFAULT_SIMULATOR_NOW,
  DEFAULT_SIMULATOR_PORT,
  DEFAULT_SIMULATOR_SEED,
  DEFAULT_USERS,
  DEMO_USERNAME,
  generateUserHistory,
  startSimulator,
  writeActivityReport,
} from "@/simulator";
import { simulatedUserSchema } from "@/simulator/users";

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    seed: { type: "string" },
    now: { type: "string" },
    "public-url": { type: "string" },
    "write-csv": { type: "string" },
    user: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(`Usage: npm run simulator -- [--port N] [--host H] [--seed N] [--now ISO] [--public-url URL]
       npm run simulator -- --write-csv FILE [--user USERNAME] [--seed N] [--now ISO]
Environment: SIMULATOR_PORT, SIMULATOR_HOST, SIMULATOR_SEED, SIMULATOR_NOW (flags win).`);
  process.exit(0);
}

const integer = z.coerce.number().int();
const argsSchema = z.object({
  port: integer.min(0).max(65_535).default(DEFAULT_SIMULATOR_PORT),
  host: z.string().min(1).default("127.0.0.1"),
  seed: integer.default(DEFAULT_SIMULATOR_SEED),
  now: z.iso.datetime({ offset: true }).default(DEFAULT_SIMULATOR_NOW),
  publicUrl: z.url().optional(),
  writeCsv: z.string().min(1).optional(),
  user: z.string().min(1).default(DEMO_USERNAME),
});

const parsed = argsSchema.safeParse({
  port: values.port ?? process.env.SIMULATOR_PORT,
  host: values.host ?? process.env.SIMULATOR_HOST,
  seed: values.seed ?? process.env.SIMULATOR_SEED,
  now: values.now ?? process.env.SIMULATOR_NOW,
  publicUrl: values["public-url"],
  writeCsv: values["write-csv"],
  user: values.user,
});
if (!parsed.success) {
  console.error(`simulator: ${z.prettifyError(parsed.error)}`);
  process.exit(2);
}
const args = parsed.data;

if (args.writeCsv) {
  const user = DEFAULT_USERS.find(
    (candidate) => candidate.username.toLowerCase() === args.user.toLowerCase(),
  );
  if (!user) {
    console.error(`simulator: no built-in user ${args.user}`);
    process.exit(2);
  }
  const history = generateUserHistory(simulatedUserSchema.parse(user), { seed: args.seed, now: args.now });
  await writeFile(args.writeCsv, writeActivityReport(history));
  console.log(
    `Wrote ${history.orders.length} orders and ${history.events.length} events of ${user.username} to ${args.writeCsv}`,
  );
} else {
  const simulator = await startSimulator({
    port: args.port,
    host: args.host,
    seed: args.seed,
    now: args.now,
    publicUrl: args.publicUrl,
  });
  console.log(`Simulated Robinhood listening on ${simulator.url} (seed ${args.seed}, now ${args.now})`);
  console.log(`Demo user: ${DEMO_USERNAME}; controls under ${simulator.url}/__simulator/`);
  const stop = () => {
    simulator.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
