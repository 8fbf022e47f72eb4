"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ImportActionState, RemoveImportState } from "@/components/imports/import-action-state";
import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";
import { serverAction } from "@/lib/server/handlers/server-action";
import { describeImport } from "@/lib/server/imports/describe-import";
import { deleteImportAndRecompute, importAndRecompute } from "@/lib/server/imports/import-and-recompute";

const uploadSchema = z.object({
  file: z
    .instanceof(File, { message: "Choose a CSV file to import." })
    .refine((file) => file.size > 0, "The file is empty.")
    .refine(
      (file) => file.size <= MAX_IMPORT_BYTES,
      `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB; export a shorter date range.`,
    ),
});

function answer(ok: boolean, message: string, extra: Partial<ImportActionState> = {}): ImportActionState {
  return { status: "done", at: Date.now(), ok, message, errors: [], errorCount: 0, warnings: [], ...extra };
}

export const importCsvAction = serverAction({
  name: "imports.import",
  session: "required",
  input: uploadSchema,
  failure: (message, error) => {
    // An import whose recompute failed stored its rows: the pages must show them.
    if (error.code === "recompute_failed") revalidatePath("/", "layout");
    return answer(false, message);
  },
  run: async ({ user, input: { file } }) => {
    const outcome = await importAndRecompute({
      robinhoodUserId: user.robinhoodUserId,
      fileName: file.name.slice(0, 255) || "upload.csv",
      // The bytes, not `file.text()`: decoding would turn bytes that are not UTF-8 into U+FFFD
      // silently, where the importer reports each one as a row error.
      text: new Uint8Array(await file.arrayBuffer()),
    });
    revalidatePath("/", "layout");
    const { ok, message } = describeImport(outcome);
    const { result } = outcome;
    if (result.status === "rejected") {
      return answer(ok, message, {
        errors: result.errors.map(({ row, line, column, reason }) => ({ row, line, column, reason })),
        errorCount: result.errorCount,
      });
    }
    return answer(ok, message, { warnings: result.status === "imported" ? result.warnings : [] });
  },
});

export const removeImportAction = serverAction({
  name: "imports.remove",
  session: "required",
  input: z.object({
    importId: z.uuid({ message: "That import does not exist." }),
    confirm: z.literal("yes", { error: "Tick the box to confirm." }),
  }),
  failure: (message, error): RemoveImportState => {
    if (error.code === "recompute_failed") revalidatePath("/", "layout");
    return { message };
  },
  run: async ({ user, input }) => {
    await deleteImportAndRecompute({ robinhoodUserId: user.robinhoodUserId, importId: input.importId });
    revalidatePath("/", "layout");
    redirect("/imports?removed=1");
  },
});
