/**
 * The import's worker thread (started by `importCsvFileInWorker`): runs ONE `importCsvFile` — slot,
 * allowance, check pass and write pass, each on a PostgreSQL connection of its own — then replies and
 * exits. Its heap is capped by the `resourceLimits` it was started with, so the parse garbage of a
 * 20 MB file is collected within that cap instead of whenever the server's V8 gets to it.
 */
import { parentPort } from "node:worker_threads";
import { importCsvFile } from "./import-csv-file";
import { type ImportWorkerReply, type ImportWorkerRequest, sendableError } from "./import-worker-protocol";

const port = parentPort;
if (!port) throw new Error("import-worker.ts runs as a worker thread (importCsvFileInWorker starts it)");

port.once("message", async (request: ImportWorkerRequest) => {
  let reply: ImportWorkerReply;
  try {
    const { bytes, ...options } = request;
    reply = { status: "done", result: await importCsvFile({ ...options, text: bytes }) };
  } catch (error) {
    reply = { status: "failed", error: sendableError(error) };
  }
  port.postMessage(reply);
});
