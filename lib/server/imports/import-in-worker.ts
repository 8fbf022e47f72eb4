import "server-only";
import { type ResourceLimits, Worker } from "node:worker_threads";
import { AppError } from "@/lib/errors/app-error";
import { connectionStringOf } from "@/lib/server/db/connection-strings";
import type { CsvFileImportResult, ImportCsvFileOptions } from "./import-csv-file";
import { type ImportWorkerReply, type ImportWorkerRequest, receivedError } from "./import-worker-protocol";

/**
 * The import worker's heap. The check pass allocates about 14 KB per row of short-lived parse
 * garbage while at most ~45 MB stays live, and V8's default sizing lets such a heap grow to
 * 150–180 MB before it collects; these caps make it collect early, whatever flags the server runs
 * with. A file that truly needs more fails with `import_out_of_memory` and writes nothing.
 */
export const IMPORT_WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 96,
  maxYoungGenerationSizeMb: 6,
};

export type ImportInWorkerOptions = ImportCsvFileOptions & {
  /** Overrides `IMPORT_WORKER_LIMITS` (tests make a worker run out of memory on purpose). */
  resourceLimits?: ResourceLimits;
  /**
   * A bundle of `import-worker.ts` to run instead of the one this module finds (the benchmark bundles
   * the import code, as a build does, and measures that).
   */
  workerScript?: URL;
};

/**
 * `importCsvFile` in a worker thread of its own with a capped heap (`IMPORT_WORKER_LIMITS`): the same
 * result, the same all-or-nothing transaction, the same per-user slot and allowance, since the worker
 * runs exactly that function on connections of its own. A worker that runs out of memory is stopped
 * by V8 mid-import; its connections close, so PostgreSQL rolls its transaction back and releases the
 * slot, and the caller gets `import_out_of_memory`.
 *
 * A `Uint8Array` that owns its whole buffer is moved to the worker, not copied (a 20 MB upload is not
 * held twice): the caller's array is empty afterwards.
 */
export async function importCsvFileInWorker(options: ImportInWorkerOptions): Promise<CsvFileImportResult> {
  const {
    db,
    text,
    connectionString,
    resourceLimits = IMPORT_WORKER_LIMITS,
    workerScript,
    ...rest
  } = options;
  const bytes = movableBytes(text);
  const request: ImportWorkerRequest = {
    ...rest,
    connectionString: connectionString ?? connectionStringOf(db),
    bytes,
  };
  const worker = workerScript
    ? new Worker(workerScript, { resourceLimits })
    : startImportWorker(resourceLimits);
  try {
    return await new Promise<CsvFileImportResult>((resolve, reject) => {
      worker.once("message", (reply: ImportWorkerReply) => {
        if (reply.status === "done") resolve(reply.result);
        else reject(receivedError(reply.error));
      });
      worker.once("error", (error) => reject(isOutOfMemory(error) ? outOfMemory(error) : error));
      worker.once("exit", (code) =>
        reject(new Error(`the import's worker stopped (exit code ${code}) before it answered`)),
      );
      worker.postMessage(request, [bytes.buffer as ArrayBuffer]);
    });
  } finally {
    await worker.terminate();
  }
}

/**
 * In a Next.js build (`next build`, `next dev`) Turbopack bundles the worker as an entry of its own:
 * it recognises exactly `new Worker(new URL("./file", import.meta.url), …)`. Run from source (tests,
 * scripts under tsx) the worker loads its TypeScript through tsx, as its parent does, with the
 * `react-server` condition the server code is written for.
 */
function startImportWorker(resourceLimits: ResourceLimits): Worker {
  if (process.env.NEXT_RUNTIME) {
    return new Worker(new URL("./import-worker.ts", import.meta.url), { resourceLimits });
  }
  const entry = import.meta.url.replace(/[^/]+$/, "import-worker.ts");
  const load = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(load, { eval: true, execArgv: ["--conditions=react-server"], resourceLimits });
}

/** Bytes the worker can take over: the caller's own when they fill their buffer, else a copy. */
function movableBytes(text: string | Uint8Array): Uint8Array {
  if (typeof text === "string") return new TextEncoder().encode(text);
  const ownsBuffer =
    text.buffer instanceof ArrayBuffer && text.byteOffset === 0 && text.byteLength === text.buffer.byteLength;
  return ownsBuffer ? text : text.slice();
}

function isOutOfMemory(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";
}

function outOfMemory(cause: unknown): AppError {
  return new AppError("import_out_of_memory", {
    message: "the import's worker ran out of memory",
    cause,
  });
}
