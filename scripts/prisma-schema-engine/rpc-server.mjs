// The schema engine's JSON-RPC 2.0 server mode: one request per line on stdin, one response per line on
// stdout, as the Prisma CLI (SchemaEngineCLI) speaks it. Requests are forwarded to the Wasm engine one
// at a time. Logs go to stderr as JSON lines, which the CLI reads for error context.

import { readFile } from "node:fs/promises";
import readline from "node:readline";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { toRpcError } from "./errors.mjs";
import { logLine } from "./log.mjs";
import { createMigrationAwareFactory } from "./pg-adapter.mjs";
import { createWasmSchemaEngine } from "./wasm-engine.mjs";

/** `migrate diff` and `db execute` start the engine without a schema; the engine still needs one. */
const DATASOURCE_ONLY_SCHEMA = 'datasource db {\n  provider = "postgresql"\n}\n';

/** Methods of the native engine's RPC API that the Wasm engine implements under the same name. */
const ENGINE_METHODS = new Set([
  "applyMigrations",
  "createMigration",
  "dbExecute",
  "debugPanic",
  "devDiagnostic",
  "diagnoseMigrationHistory",
  "ensureConnectionValidity",
  "evaluateDataLoss",
  "introspect",
  "introspectSql",
  "markMigrationApplied",
  "markMigrationRolledBack",
  "reset",
  "schemaPush",
]);

const MISSING_SHADOW_FACTORY = /shadow DB must be provided through an external factory/;

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function loadDatamodels(paths) {
  if (paths.length === 0) return [["schema.prisma", DATASOURCE_ONLY_SCHEMA]];
  return Promise.all(paths.map(async (file) => [file, await readFile(file, "utf8")]));
}

/**
 * @param {{ datamodelPaths: string[], datasource: { url?: string, shadowDatabaseUrl?: string } }} options
 */
export async function serveJsonRpc({ datamodelPaths, datasource }) {
  const factory = createMigrationAwareFactory({
    url: datasource.url ?? "",
    shadowDatabaseUrl: datasource.shadowDatabaseUrl || undefined,
  });
  // Errors thrown in the adapter reach the engine as ids into this registry.
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const { errorRegistry } = adapter;
  const enginePromise = loadDatamodels(datamodelPaths).then((datamodels) =>
    createWasmSchemaEngine({ datamodels, adapter, log: (line) => process.stderr.write(`${line}\n`) }),
  );
  // Surfaced through the first request instead.
  enginePromise.catch(() => {});

  let nextPrintId = 1;
  const pendingPrints = new Map();

  /** The CLI prints `content` itself when asked to with a `print` request (native engine behaviour). */
  function printThroughCli(content) {
    const id = nextPrintId++;
    return new Promise((resolve) => {
      pendingPrints.set(id, resolve);
      send({ jsonrpc: "2.0", id, method: "print", params: { content } });
    });
  }

  async function dispatch(method, params) {
    const engine = await enginePromise;
    try {
      return await call(engine, method, params);
    } catch (error) {
      if (!MISSING_SHADOW_FACTORY.test(String(error?.message)) || !params?.migrationsList) throw error;
      // Observed with evaluateDataLoss in `migrate dev` right after applyMigrations applied
      // something: the Wasm engine fails this way without calling connectToShadowDb, yet succeeds
      // when devDiagnostic (read-only; it does open the shadow database through the adapter) ran
      // on the same migrations since. So run devDiagnostic and ask again.
      await engine.devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters });
      return call(engine, method, params);
    }
  }

  async function call(engine, method, params) {
    switch (method) {
      case "getDatabaseVersion":
        return engine.version(params ?? undefined);
      case "diff": {
        const { stdout, ...rest } = await engine.diff(params);
        // The native engine prints the diff itself; the Wasm engine returns it.
        if (stdout) await printThroughCli(stdout.replace(/\n$/, ""));
        return rest;
      }
      default:
        if (!ENGINE_METHODS.has(method)) {
          const error = new Error(`Method not found: ${method}`);
          error.rpcCode = -32601;
          throw error;
        }
        // Called on the engine object: a detached method loses its Wasm pointer.
        return engine[method](params);
    }
  }

  let queue = Promise.resolve();
  let exitCode = 0;
  let inFlight;

  // A Wasm trap inside an adapter callback surfaces as an uncaught exception rather than a rejected
  // call. Answer the pending request before exiting: the CLI treats an engine that exits without
  // answering as success in some commands (e.g. `migrate diff --exit-code` exits 0).
  const crash = (error) => {
    const rpcError = toRpcError(error, errorRegistry, { assumePanic: true });
    if (inFlight) send({ jsonrpc: "2.0", id: inFlight.id, error: rpcError });
    logLine("ERROR", rpcError.data?.message ?? String(error));
    process.exit(101);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);

  async function handle(request) {
    inFlight = request;
    factory.lastScriptError = undefined;
    try {
      const result = await dispatch(request.method, request.params);
      send({ jsonrpc: "2.0", id: request.id, result: result ?? {} });
    } catch (error) {
      const rpcError = toRpcError(error, errorRegistry, {
        method: request.method,
        scriptError: factory.lastScriptError,
      });
      send({ jsonrpc: "2.0", id: request.id, error: rpcError });
      if (rpcError.data?.is_panic) {
        // A trapped Wasm instance cannot be trusted with another request; exit like the native
        // engine does after a panic.
        exitCode = 101;
        input.close();
      }
    } finally {
      inFlight = undefined;
    }
  }

  const input = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  input.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (message.method === undefined) {
      // A response to one of our `print` requests.
      pendingPrints.get(message.id)?.();
      pendingPrints.delete(message.id);
      return;
    }
    queue = queue.then(() => handle(message));
  });

  // The CLI ends a session by closing stdin. Exit explicitly: idle pg pools and the Wasm runtime's
  // timers would otherwise keep the process alive for seconds.
  await new Promise((resolve) => input.once("close", resolve));
  for (const resolve of pendingPrints.values()) resolve();
  await queue;
  await factory.cleanup();
  process.exit(exitCode);
}
