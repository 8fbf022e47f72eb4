import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { formatTimestamp } from "@/components/format/dates";
import { ImportRowTable } from "@/components/imports/import-row-table";
import { RemoveImportForm } from "@/components/imports/remove-import-form";
import { Pagination } from "@/components/pagination";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { getImport } from "@/lib/server/queries/get-import";
import { removeImportAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Imported file" };

const importParams = z.object({ id: z.uuid() });
/** `?page=2`; anything malformed shows the first page. */
const importSearchParams = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

export default async function ImportPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, unknown>>;
}) {
  const parsed = importParams.safeParse(await params);
  const user = await requireUser(parsed.success ? `/imports/${parsed.data.id}` : "/imports");
  if (!parsed.success) notFound();
  const { page } = importSearchParams.parse(await searchParams);
  const detail = await readForPage(() =>
    getImport({ robinhoodUserId: user.robinhoodUserId, importId: parsed.data.id, page }),
  );
  if (!detail) notFound();
  const file = detail.import;

  return (
    <>
      <div className="page-header">
        <div>
          <p>
            <Link href="/imports">← All imports</Link>
          </p>
          <h1>{file.fileName}</h1>
          <p>
            {file.format}, imported {formatTimestamp(file.importedAt)}: {file.rows} rows, {file.imported} new
            fills and events, {file.skipped} rows not used.
          </p>
        </div>
      </div>
      <section className="card flush">
        <div className="card-header">
          <h2>Rows</h2>
          <p>What each row of the file became</p>
        </div>
        <ImportRowTable rows={detail.rows} />
        <Pagination
          path={`/imports/${file.id}`}
          page={detail.page}
          pageCount={detail.pageCount}
          labels={{ previous: "← Earlier rows", next: "Later rows →" }}
        />
      </section>
      <section className="card stack">
        <div>
          <h2>Remove this import</h2>
          <p className="muted">
            Takes out everything this file added. A file imported later that repeated some of its rows did not
            add them a second time, so they go too: import that file again to bring them back.
          </p>
        </div>
        <RemoveImportForm action={removeImportAction} importId={file.id} />
      </section>
    </>
  );
}
