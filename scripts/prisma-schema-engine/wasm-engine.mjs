// Loads @prisma/schema-engine-wasm without `--experimental-wasm-modules`: the package's entry point
// imports the .wasm file as an ES module, which Node 20 cannot do, so the bindings module is imported
// directly and the WebAssembly instance is wired into it by hand.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);

/**
 * The bindings report Rust panics through this global before trapping; the native engine would print
 * the panic message, so keep the last one for the error response.
 */
class PanicRegistry {
  message = "";
  set_message(message) {
    this.message = message;
  }
}

export const panicRegistry = new PanicRegistry();
globalThis.PRISMA_WASM_PANIC_REGISTRY = panicRegistry;

let loaded;

async function loadBindings() {
  const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bytes = await readFile(path.join(path.dirname(bindingsPath), "schema_engine_bg.wasm"));
  const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bindings;
}

/**
 * @param {{ datamodels: [string, string][] | undefined, adapter: object, log: (line: string) => void }} options
 *   adapter: a factory bound with bindMigrationAwareSqlAdapterFactory
 * @returns {Promise<import("@prisma/schema-engine-wasm").SchemaEngine>}
 */
export async function createWasmSchemaEngine({ datamodels, adapter, log }) {
  loaded ??= loadBindings();
  const { SchemaEngine } = await loaded;
  return SchemaEngine.new({ datamodels }, log, adapter);
}

export async function loadWasmVersion() {
  loaded ??= loadBindings();
  return (await loaded).version();
}
