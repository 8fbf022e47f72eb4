import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The arrows run one way: app/ (routes, pages, actions) uses components/ and lib/; components/ uses
 * lib/; lib/ uses neither. Components take actions as props (components/form-action.ts), and the
 * view types they render live beside them or in lib/, never in app/.
 */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx|js|mjs)$/.test(entry.name) ? [full] : [];
  });
}

const importsOf = (pattern: RegExp) => (file: string) => pattern.test(readFileSync(file, "utf8"));
const importOfApp = /(?:from|import)\s*\(?\s*["'](?:@\/app|(?:\.\.\/)+app)(?:\/[^"']*)?["']/;
const importOfComponents =
  /(?:from|import)\s*\(?\s*["'](?:@\/components|(?:\.\.\/)+components)(?:\/[^"']*)?["']/;

describe("dependency arrows", () => {
  it("components/ imports nothing from app/", () => {
    expect(sourceFiles("components").filter(importsOf(importOfApp))).toEqual([]);
  });

  it("lib/ imports nothing from app/ or components/", () => {
    const files = sourceFiles("lib");
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter(importsOf(importOfApp))).toEqual([]);
    expect(files.filter(importsOf(importOfComponents))).toEqual([]);
  });

  it("recognises such an import when there is one", () => {
    expect(importOfApp.test('import type { S } from "@/app/(app)/imports/actions";')).toBe(true);
    expect(importOfApp.test('import x from "../../app/sign-in/actions";')).toBe(true);
    expect(importOfApp.test('import x from "@/lib/apple";')).toBe(false);
    expect(importOfComponents.test('import { Money } from "@/components/money";')).toBe(true);
  });
});
