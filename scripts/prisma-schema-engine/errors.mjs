// Maps errors thrown by the Wasm engine to the JSON-RPC error objects of the native engine, which the
// CLI turns into its messages: `data.error_code` (P-codes drive CLI decisions, e.g. P3005 or P1003),
// `data.message`, and `data.is_panic` for crashes.

import { panicRegistry } from "./wasm-engine.mjs";

const ENGINE_ERROR_CODE = 4466;

function isWasmPanic(error) {
  return error instanceof WebAssembly.RuntimeError || error?.name === "RuntimeError";
}

/**
 * A JS error thrown inside the driver adapter reaches the engine as a registry id, and comes back in
 * the engine's message as "External error id#N"; the registry holds the original error.
 */
function lookupAdapterError(error, errorRegistry) {
  const id = String(error?.message ?? "").match(/External error id#(\d+)/)?.[1];
  if (id === undefined || !errorRegistry) return undefined;
  return errorRegistry.consumeError(Number(id))?.error;
}

function formatDatabaseError(pgError) {
  const lines = [`ERROR: ${pgError.message}`];
  if (pgError.detail) lines.push(`DETAIL: ${pgError.detail}`);
  if (pgError.hint) lines.push(`HINT: ${pgError.hint}`);
  if (pgError.where) lines.push(`CONTEXT: ${pgError.where}`);
  return lines.join("\n");
}

/**
 * The Wasm engine reports a failed script with the adapter's error kind ("No such table: x") rather
 * than PostgreSQL's message. For a migration (on the main database) the native engine reports P3018
 * with the PostgreSQL error: rebuild that from the script error the adapter kept. For `db execute`,
 * show the PostgreSQL error. (Shadow database failures already come as P3006.)
 */
function scriptErrorData(error, scriptError, method) {
  if (!scriptError?.code) return undefined;
  const message = String(error?.message ?? "");
  const databaseError = formatDatabaseError(scriptError);
  if (method === "dbExecute") return { message: databaseError };
  if (!message.includes("apply_migration::apply_script")) return undefined;
  const migrationName = message.match(/migration_name="([^"]+)"/)?.[1] ?? "unknown";
  return {
    error_code: "P3018",
    message: `A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\nMigration name: ${migrationName}\n\nDatabase error code: ${scriptError.code}\n\nDatabase error:\n${databaseError}\n`,
    meta: {
      migration_name: migrationName,
      database_error_code: scriptError.code,
      database_error: databaseError,
    },
  };
}

/**
 * @param {unknown} error
 * @param {{ consumeError(id: number): { error: unknown } | undefined } | undefined} errorRegistry
 * @param {{ assumePanic?: boolean, method?: string, scriptError?: { code?: string, message: string } }} [options]
 *   assumePanic: the error escaped the engine call; method: the RPC method that failed;
 *   scriptError: the pg error of a script that failed during the request
 */
export function toRpcError(error, errorRegistry, { assumePanic = false, method, scriptError } = {}) {
  if (error?.rpcCode) return { code: error.rpcCode, message: error.message };

  if (assumePanic || isWasmPanic(error)) {
    // The CLI shows `message` for panics.
    const message = panicRegistry.message || String(error?.message ?? error);
    return {
      code: ENGINE_ERROR_CODE,
      message,
      data: { is_panic: true, message, backtrace: error?.stack ?? null },
    };
  }

  const fromScript = scriptErrorData(error, scriptError, method);
  if (fromScript) {
    return {
      code: ENGINE_ERROR_CODE,
      message: "An error happened. Check the data field for details.",
      data: { is_panic: false, ...fromScript },
    };
  }

  const adapterError = lookupAdapterError(error, errorRegistry);
  const source = adapterError ?? error;
  const data = {
    is_panic: false,
    message: String(source?.message ?? source),
  };
  if (typeof source?.code === "string" && /^P\d{4}$/.test(source.code)) {
    data.error_code = source.code;
    data.meta = source.meta ?? null;
  }
  return { code: ENGINE_ERROR_CODE, message: "An error happened. Check the data field for details.", data };
}
