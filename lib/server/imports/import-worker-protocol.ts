import "server-only";
import { AppError, type AppErrorCode, isAppError } from "@/lib/errors/app-error";
import { AccountDeletedError } from "@/lib/server/db/account-deleted-error";
import type { CsvFileImportResult, ImportCsvFileOptions } from "./import-csv-file";

/**
 * What the import's worker thread is asked to do: `importCsvFile` with plain data only (a database
 * client cannot cross threads, so it travels as its connection string; the bytes are moved, not
 * copied). Both sides are this module's code, in one process: the message is typed, not parsed.
 */
export type ImportWorkerRequest = Omit<ImportCsvFileOptions, "db" | "text" | "connectionString"> & {
  connectionString: string;
  bytes: Uint8Array;
};

/** An error as it crosses back from the worker: AppErrors keep their code and user message. */
export type SentError = {
  name: string;
  message: string;
  app?: { code: AppErrorCode; userMessage: string; responseStatus: number };
};

export type ImportWorkerReply =
  | { status: "done"; result: CsvFileImportResult }
  | { status: "failed"; error: SentError };

export function sendableError(error: unknown): SentError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const sent: SentError = { name: error.name, message: error.message };
  if (isAppError(error))
    sent.app = { code: error.code, userMessage: error.userMessage, responseStatus: error.responseStatus };
  return sent;
}

/** The worker's error as the caller would have seen it in-process (AppErrors stay AppErrors). */
export function receivedError(sent: SentError): Error {
  if (sent.app?.code === "account_deleted") return new AccountDeletedError();
  if (sent.app) return new AppError(sent.app.code, { message: sent.message, ...sent.app });
  const error = new Error(sent.message);
  error.name = sent.name;
  return error;
}
