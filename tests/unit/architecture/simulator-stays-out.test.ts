import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The simulated Robinhood is a test and development fixture. Production code (`app/`, `lib/`,
 * `components/`, `proxy.ts`) must never import it, or a deployment would ship and could run it.
 */
const productionRoots = ["app", "lib", "components"];
const importOfSimulator = /from\s+["'](?:@\/simulator|(?:\.\.\/)+simulator)(?:\/[^"']*)?["']/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe("the simulator stays out of the product", () => {
  const files = [...productionRoots.flatMap((root) => sourceFiles(root)), "proxy.ts"];

  it("finds the production sources it checks", () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it("is imported by no production file", () => {
    const offenders = files.filter((file) => importOfSimulator.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("recognises an import of it when there is one", () => {
    expect(importOfSimulator.test('import { startSimulator } from "@/simulator";')).toBe(true);
    expect(importOfSimulator.test('import x from "../../simulator/market/prng";')).toBe(true);
    expect(importOfSimulator.test('import x from "@/lib/robinhood/client";')).toBe(false);
  });
});
