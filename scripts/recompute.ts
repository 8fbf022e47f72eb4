/**
 * Recomputes one user's P&L from the command line (DATABASE_URL):
 * `npm run recompute -- --user <Robinhood user id> [--mode full]`. `auto` (the default) replays only
 * the underlyings that changed since the last run when that is exact, as sync and import do; `full`
 * replays the whole history: the repair, and what every user gets anyway after an engine change.
 */
import { z } from "zod";
import { getEnv } from "@/lib/env";
import { createPrismaClient } from "@/lib/server/db/create-prisma-client";
import { recomputeUserPnl } from "@/lib/server/recompute/recompute-user-pnl";
import { parseFlags } from "./bench/parse-flags";

const args = z
  .object({
    user: z.string().trim().min(1, "--user <Robinhood user id> is required"),
    mode: z.enum(["auto", "full"]).default("auto"),
  })
  .parse(parseFlags(process.argv.slice(2)));

const url = getEnv().DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: point it at the database of the user to recompute.");
  process.exit(2);
}
const db = createPrismaClient(url);
try {
  const summary = await recomputeUserPnl({ db, robinhoodUserId: args.user, trigger: "cli", mode: args.mode });
  const scope = summary.scope
    ? `underlyings ${summary.scope.join(", ") || "(none changed)"}`
    : "whole history";
  const { inserted, updated, deleted } = summary.written;
  console.log(
    `Recomputed ${scope}${summary.fullReason ? ` (${summary.fullReason})` : ""}: ${summary.executions} fills, ` +
      `${inserted} rows inserted, ${updated} updated, ${deleted} deleted in ${summary.durationMs} ms` +
      `${summary.analyzed.length > 0 ? `; analyzed ${summary.analyzed.join(", ")}` : ""}.`,
  );
} finally {
  await db.$disconnect();
}
