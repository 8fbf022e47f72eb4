import type { Metadata } from "next";
import { z } from "zod";
import { EmptyState } from "@/components/empty-state";
import { Pagination } from "@/components/pagination";
import { RunTable } from "@/components/runs/run-table";
import { readForPage, requireUser } from "@/lib/server/auth/require-user";
import { listRuns } from "@/lib/server/queries/list-runs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Runs" };

/** `/runs?page=2`; a malformed page is page 1. */
const runsSearchParams = z.object({
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const user = await requireUser("/runs");
  const { page = 1 } = runsSearchParams.parse(await searchParams);
  const runs = await readForPage(() => listRuns({ robinhoodUserId: user.robinhoodUserId, page }));
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Runs</h1>
          <p>Every sync, import and recompute of your data, newest first: when, how long, what it did.</p>
        </div>
      </div>
      <section className="card flush">
        <div className="card-header">
          <h2>History</h2>
          <p>{runs.total.toLocaleString("en-US")} runs</p>
        </div>
        {runs.runs.length > 0 ? (
          <RunTable runs={runs.runs} />
        ) : (
          <EmptyState title={page > 1 ? "No runs on this page" : "Nothing has run yet"}>
            <p>Syncs, imports and recomputes will be listed here.</p>
          </EmptyState>
        )}
        <Pagination path="/runs" page={runs.page} pageCount={runs.pageCount} />
      </section>
    </>
  );
}
