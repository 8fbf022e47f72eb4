import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { userInfo } from "node:os";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/**
 * The Chromium the end-to-end tests drive. CHROMIUM_PATH wins; then a system browser; on Debian as
 * root a missing browser is installed with apt (Playwright's own download cannot be reached
 * everywhere, so a system browser is the portable choice).
 */
export async function findChromium(): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new Error(`CHROMIUM_PATH=${configured} does not exist`);
  }
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  if (userInfo().uid === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("[test] Chromium not found; installing it with apt-get (about a minute)");
    execFileSync("apt-get", ["update"], { stdio: "inherit" });
    execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
      stdio: "inherit",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (existsSync("/usr/bin/chromium")) return "/usr/bin/chromium";
  }
  throw new Error(
    "No Chromium found for the end-to-end tests. Install one (Debian: apt-get install chromium) or set CHROMIUM_PATH.",
  );
}
