import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export type NextServer = { url: string; pid: number; stop: () => Promise<void> };

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** `next start` of the existing production build, ready once `/api/health` answers 200. */
export async function startNextServer(options: {
  env: NodeJS.ProcessEnv;
  port: number;
  /** Options for the server's node (`--cpu-prof`, which NODE_OPTIONS may not carry). */
  nodeArgs?: string[];
}): Promise<NextServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      "node_modules/next/dist/bin/next",
      "start",
      "--hostname",
      "127.0.0.1",
      "--port",
      String(options.port),
    ],
    // Its own process group, so stopping it stops whatever it forked, and only that.
    { env: options.env, stdio: ["ignore", "ignore", "inherit"], detached: true },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error("next start did not start");
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-pid, "SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) return { url, pid, stop };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error("next start did not answer /api/health within 120 s");
}
