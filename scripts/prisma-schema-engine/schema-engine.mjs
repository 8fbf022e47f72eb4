#!/usr/bin/env node
// Stand-in for Prisma's native `schema-engine` binary, for machines that cannot download it.
// prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here. The Prisma CLI starts it as
//
//   schema-engine --version
//   schema-engine --datasource <json> cli can-connect-to-database | create-database | drop-database
//   schema-engine [--datamodels <path>]... [--datasource <json>]   (then JSON-RPC on stdin/stdout)
//
// and this program serves those with @prisma/schema-engine-wasm over a PostgreSQL driver adapter.
// See docs/MIGRATIONS.md ("The offline schema engine").

import { runCliCommand } from "./cli-commands.mjs";
import { serveJsonRpc } from "./rpc-server.mjs";
import { loadWasmVersion } from "./wasm-engine.mjs";

function parseArgs(argv) {
  const options = { datamodelPaths: [], datasource: {}, cliCommand: undefined, version: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--version":
      case "-V":
        options.version = true;
        break;
      case "--datamodels":
        options.datamodelPaths.push(argv[++i]);
        break;
      case "--datasource":
        options.datasource = JSON.parse(argv[++i] ?? "{}");
        break;
      case "--enabled-preview-features":
      case "--extension-types":
        // Accepted for compatibility; the Wasm engine takes neither.
        i++;
        break;
      case "cli":
        options.cliCommand = argv[++i];
        break;
      default:
        throw new Error(`Unknown argument: ${arg}`);
    }
  }
  return options;
}

const options = parseArgs(process.argv.slice(2));

if (options.version) {
  process.stdout.write(`schema-engine-cli ${await loadWasmVersion()} (wasm stand-in)\n`);
} else if (options.cliCommand !== undefined) {
  process.exitCode = await runCliCommand({ command: options.cliCommand, datasource: options.datasource });
} else {
  await serveJsonRpc(options);
}
