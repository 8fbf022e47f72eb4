import { readFileSync } from "node:fs";
import type { Database } from "@/lib/server/db/create-prisma-client";
import { processTreeCpuMs } from "./web-load";

/**
 * CPU time (ms) the database server has spent so far, over its postmaster and every server process
 * under it, read from /proc: a benchmark on the server's own machine (the embedded default) can then
 * say how a recompute's time splits between this process and the server. Null when the server's
 * processes cannot be read here (another machine, another operating system).
 */
export async function serverCpuClock(db: Database): Promise<(() => number) | null> {
  const [row] = await db.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
  try {
    const stat = readFileSync(`/proc/${row?.pid}/stat`, "utf8");
    // The command name may hold spaces: fields start after its closing parenthesis.
    const postmaster = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (!Number.isInteger(postmaster) || postmaster <= 1) return null;
    return () => processTreeCpuMs(postmaster);
  } catch {
    return null;
  }
}

/** This process's CPU time so far (user and system), in ms. */
export function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}
