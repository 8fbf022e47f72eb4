import type { Metadata } from "next";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { ImportForm } from "@/components/imports/import-form";
import { ImportTable } from "@/components/imports/import-table";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { listImports } from "@/lib/server/queries/list-imports";
import { plural } from "@/lib/text/plural";
import { importCsvAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Import" };

/** `?removed=1`: an import was just removed (its page redirects here). Only a flag, so no text from the URL is shown. */
const importsSearchParams = z.object({
  removed: z.literal("1").optional().catch(undefined),
});

export default async function ImportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, unknown>>;
}) {
  const user = await requireUser("/imports");
  const { removed } = importsSearchParams.parse(await searchParams);
  const imports = await readForPage(() => listImports({ robinhoodUserId: user.robinhoodUserId }));

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Import</h1>
          <p>Bring in history from a Robinhood CSV export: older trades than a sync reaches, or all of it.</p>
        </div>
      </div>
      {removed ? (
        <div className="alert success" role="status">
          The import was removed, with the fills and events it added, and P&amp;L was recomputed.
        </div>
      ) : null}
      <section className="card stack">
        <div>
          <h2>Upload a file</h2>
          <p className="muted">
            Accepted: Robinhood&apos;s account activity report (Account → Reports and statements → Reports)
            and the option-orders export of robin_stocks. Every row is kept; fills, expirations, assignments
            and exercises are used, and rows already imported from another file are not counted again. A file
            with any unreadable row is not imported at all: the rows and reasons are listed here. Where a sync
            already covers a date, the synced history counts and the imported copy does not.
          </p>
        </div>
        <ImportForm action={importCsvAction} />
      </section>
      <section className="card flush">
        <div className="card-header">
          <h2>Imported files</h2>
          <p>{plural(imports.length, "file")}</p>
        </div>
        {imports.length > 0 ? (
          <ImportTable imports={imports} />
        ) : (
          <EmptyState title="No files imported yet">
            <p>Upload an activity report above to see its trades on the dashboard.</p>
          </EmptyState>
        )}
      </section>
    </>
  );
}
