import { spawn } from "node:child_process";

export type RunChildOptions = { command: string; args: string[]; env?: NodeJS.ProcessEnv };

/**
 * Runs a command with inherited stdio and resolves with its exit code. SIGINT/SIGTERM are forwarded
 * to the child's process group, so `next` servers never outlive this process.
 */
export function runChild(options: RunChildOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      stdio: "inherit",
      env: options.env ?? process.env,
      detached: true,
    });
    const forward = (signal: NodeJS.Signals) => {
      if (child.pid) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // already gone
        }
      }
    };
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
