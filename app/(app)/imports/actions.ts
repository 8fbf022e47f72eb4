"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import { getSessionUser } from "@/lib/server/auth/require-user";
import { deleteImportAndRecompute, importAndRecompute } from "@/lib/server/imports/import-and-recompute";

export type ImportRowProblem = { row: number; line: number; column: string | null; reason: string };

/** `at` tells two answers with the same text apart, so the form shows each new one. */
export type ImportActionState =
  | { status: "idle" }
  | {
      status: "done";
      at: number;
      ok: boolean;
      message: string;
      errors: ImportRowProblem[];
      errorCount: number;
      warnings: { row: number | null; message: string }[];
    };

const uploadSchema = z.object({
  file: z
    .instanceof(File, { message: "Choose a CSV file to import." })
    .refine((file) => file.size > 0, "The file is empty.")
    .refine(
      (file) => file.size <= MAX_IMPORT_BYTES,
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; export a shorter date range.`,
    ),
});

export async function importCsvAction(
  _previous: ImportActionState,
  form: FormData,
): Promise<ImportActionState> {
  const answer = (
    ok: boolean,
    message: string,
    extra: Partial<ImportActionState> = {},
  ): ImportActionState => ({
    status: "done",
    at: Date.now(),
    ok,
    message,
    errors: [],
    errorCount: 0,
    warnings: [],
    ...extra,
  });
  const user = await getSessionUser();
  if (!user) return answer(false, "Your session ended. Sign in again.");
  const parsed = uploadSchema.safeParse({ file: form.get("file") });
  if (!parsed.success)
    return answer(false, parsed.error.issues[0]?.message ?? "Choose a CSV file to import.");

  const { file } = parsed.data;
  const outcome = await importAndRecompute({
    robinhoodUserId: user.robinhoodUserId,
    fileName: file.name.slice(0, 255) || "upload.csv",
    // The bytes, not `file.text()`: decoding would turn bytes that are not UTF-8 into U+FFFD
    // silently, where the importer reports each one as a row error.
    text: new Uint8Array(await file.arrayBuffer()),
  });
  revalidatePath("/", "layout");
  const result = outcome.result;
  if (result?.status === "rejected") {
    return answer(false, outcome.message, {
      errors: result.errors.map(({ row, line, column, reason }) => ({ row, line, column, reason })),
      errorCount: result.errorCount,
    });
  }
  return answer(outcome.ok, outcome.message, {
    warnings: result?.status === "imported" ? result.warnings : [],
  });
}

export type RemoveImportState = { message: string | null };

const removeForm = z.object({
  importId: z.uuid({ message: "That import does not exist." }),
  confirm: z.literal("yes", { error: "Tick the box to confirm." }),
});

export async function removeImportAction(
  _previous: RemoveImportState,
  form: FormData,
): Promise<RemoveImportState> {
  const user = await getSessionUser();
  if (!user) return { message: "Your session ended. Sign in again." };
  const parsed = removeForm.safeParse({ importId: form.get("importId"), confirm: form.get("confirm") });
  if (!parsed.success) return { message: parsed.error.issues[0]?.message ?? "Tick the box to confirm." };
  const outcome = await deleteImportAndRecompute({
    robinhoodUserId: user.robinhoodUserId,
    importId: parsed.data.importId,
  });
  revalidatePath("/", "layout");
  if (!outcome.found || !outcome.ok) return { message: outcome.message };
  redirect("/imports?removed=1");
}
