import { readFileSync } from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../../..");

export function fixture(name: string): string {
  return readFileSync(path.join(repoRoot, "tests/fixtures/csv", name), "utf8");
}
