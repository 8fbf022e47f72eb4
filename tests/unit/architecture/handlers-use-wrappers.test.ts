import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Every server action and route handler goes through the wrappers in lib/server/handlers, so each
 * one checks the session, parses its input with zod and answers errors the same way. Checked on the
 * source: each export of a "use server" file, an `actions.ts` or a `route.ts` under app/ must be
 * `export const name = serverAction({...})` (actions) or `export const GET = routeHandler({...})` /
 * `withCron(...)` (routes), with the wrapper imported from its module; types and Next's route segment
 * options may be exported beside them.
 */
const WRAPPERS: Record<string, string> = {
  serverAction: "@/lib/server/handlers/server-action",
  routeHandler: "@/lib/server/handlers/route-handler",
  // The cron variant: the bearer CRON_SECRET in place of a session (lib/server/cron/with-cron.ts).
  withCron: "@/lib/server/cron/with-cron",
  // CSV downloads: routeHandler with a required session, zod-parsed filters and a streamed body.
  csvExportRoute: "@/lib/export/export-route",
};
const ACTION_WRAPPERS = ["serverAction"];
const ROUTE_WRAPPERS = ["routeHandler", "withCron", "csvExportRoute"];
const SEGMENT_OPTIONS = new Set([
  "dynamic",
  "maxDuration",
  "runtime",
  "revalidate",
  "fetchCache",
  "preferredRegion",
]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

/**
 * next-auth's own handler is the session machinery itself: it has no session to check, parses its
 * own requests and answers in its own protocol (redirects, CSRF), so wrapping it would change it.
 */
const EXEMPT = new Set([path.join("app", "api", "auth", "[...nextauth]", "route.ts")]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const isUseServer = (text: string) => /^\s*["']use server["'];?/.test(text);

/** The handler files: app's actions.ts and route.ts, and every module that says "use server". */
type HandlerFile = { file: string; kind: "action" | "route" };

function handlerFiles(): HandlerFile[] {
  return ["app", "lib", "components"]
    .flatMap((root) => sourceFiles(root))
    .flatMap((file): HandlerFile[] => {
      const base = path.basename(file);
      if (file.startsWith(`app${path.sep}`) && base === "route.ts") return [{ file, kind: "route" }];
      if (isUseServer(readFileSync(file, "utf8"))) return [{ file, kind: "action" }];
      if (file.startsWith(`app${path.sep}`) && base === "actions.ts") return [{ file, kind: "action" }];
      return [];
    });
}

/** The names a file imports from each module: `import { a, b as c } from "m"` gives a→m, c→m. */
function importedNames(text: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of text.matchAll(/^import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/gm)) {
    for (const part of (match[1] ?? "").split(",")) {
      const local = part
        .trim()
        .split(/\s+as\s+/)
        .at(-1)
        ?.trim();
      if (local) names.set(local, match[2] ?? "");
    }
  }
  return names;
}

/**
 * What is wrong with a handler file's exports, one line per export; empty when every one is wrapped.
 * Reads top-level statements, which Biome's formatting starts at the first column.
 */
function unwrappedExports(text: string, kind: "action" | "route"): string[] {
  const imported = importedNames(text);
  const allowed = kind === "action" ? ACTION_WRAPPERS : ROUTE_WRAPPERS;
  const problems: string[] = [];
  for (const [line] of text.matchAll(/^export\b.*$/gm)) {
    if (/^export\s+(?:type|interface)\s/.test(line) || /^export\s+type\s*\{/.test(line)) continue;
    const constant = /^export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*(\w+)?(\()?/.exec(line);
    if (!constant) {
      problems.push(`not built by a wrapper: ${line.slice(0, 80)}`);
      continue;
    }
    const [, name = "", callee = "", call] = constant;
    if (kind === "route" && SEGMENT_OPTIONS.has(name)) continue;
    if (kind === "route" && !HTTP_METHODS.has(name)) {
      problems.push(`${name}: a route exports HTTP methods and segment options only`);
      continue;
    }
    if (!call || !allowed.includes(callee) || imported.get(callee) !== WRAPPERS[callee]) {
      problems.push(`${name}: not built by ${allowed.join(" or ")}`);
    }
  }
  return problems;
}

describe("every server action and route handler goes through the wrappers", () => {
  const files = handlerFiles();

  it("finds the handlers it checks", () => {
    expect(files.filter((f) => f.kind === "action").length).toBeGreaterThanOrEqual(6);
    expect(files.filter((f) => f.kind === "route").length).toBeGreaterThanOrEqual(3);
  });

  it("each export of each action and route file is built by a wrapper", () => {
    const offenders = files
      .filter(({ file }) => !EXEMPT.has(file))
      .flatMap(({ file, kind }) =>
        unwrappedExports(readFileSync(file, "utf8"), kind).map((p) => `${file}: ${p}`),
      );
    expect(offenders).toEqual([]);
  });

  it("tells a wrapped export from one that is not", () => {
    const head = 'import { serverAction } from "@/lib/server/handlers/server-action";\n';
    expect(
      unwrappedExports(`${head}export const a = serverAction({});\nexport type S = {};`, "action"),
    ).toEqual([]);
    expect(unwrappedExports(`${head}export async function a() {}`, "action")).toHaveLength(1);
    expect(unwrappedExports(`${head}export const a = async () => 1;`, "action")).toHaveLength(1);
    expect(
      unwrappedExports(
        'import { serverAction } from "./elsewhere";\nexport const a = serverAction({});',
        "action",
      ),
    ).toHaveLength(1);
    expect(unwrappedExports('export { handler as GET } from "x";', "route")).toHaveLength(1);
    const route = 'import { routeHandler } from "@/lib/server/handlers/route-handler";\n';
    expect(
      unwrappedExports(
        `${route}export const dynamic = "force-dynamic";\nexport const GET = routeHandler({});`,
        "route",
      ),
    ).toEqual([]);
    expect(unwrappedExports(`${route}export async function GET() {}`, "route")).toHaveLength(1);
  });
});
