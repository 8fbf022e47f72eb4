export type ImportRowProblem = { row: number; line: number; column: string | null; reason: string };

/** What the import form answers. `at` tells two answers with the same text apart, so each shows. */
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

/** What the remove-import form answers when it does not redirect. */
export type RemoveImportState = { message: string | null };
