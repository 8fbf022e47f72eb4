import { createElement as h, type ReactNode, Suspense } from "react";
import { renderToReadableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { renderedWhole } from "@/lib/server/page-cache/rendered-whole";

/** A document streamed as a page is: its frame first, the part inside the boundary when it is ready. */
async function streamed(part: ReactNode): Promise<string> {
  const page = h(
    "html",
    null,
    h("body", null, h("h1", null, "Positions"), h(Suspense, { fallback: "…" }, part)),
  );
  // Next.js gives every server error a digest; so does this.
  const stream = await renderToReadableStream(page, { onError: () => "digest-1" });
  return new Response(stream).text();
}

const failedRead = () => Object.assign(new Error("the database is unreachable"), { digest: "digest-1" });

function Rows({ read }: { read: () => string }) {
  return h("p", null, read());
}

/** A read whose data is not there at first (it suspends once), then answers as `answer` does. */
function suspendingOnce(answer: () => string): () => string {
  let ready = false;
  const later = new Promise<void>((resolve) => setTimeout(() => resolve(), 5)).then(() => {
    ready = true;
  });
  return () => {
    if (!ready) throw later;
    return answer();
  };
}

describe("renderedWhole", () => {
  it("accepts a document whose every part rendered, at once or later", async () => {
    expect(renderedWhole(await streamed(h(Rows, { read: () => "3 positions" })))).toBe(true);
    const html = await streamed(h(Rows, { read: suspendingOnce(() => "3 positions") }));
    expect(html).toContain("3 positions");
    expect(renderedWhole(html)).toBe(true);
  });

  it("refuses a document with a part that failed before its fallback was sent", async () => {
    const html = await streamed(
      h(Rows, {
        read: () => {
          throw failedRead();
        },
      }),
    );
    expect(renderedWhole(html)).toBe(false);
  });

  it("refuses a document with a part that failed after", async () => {
    const html = await streamed(
      h(Rows, {
        read: suspendingOnce(() => {
          throw failedRead();
        }),
      }),
    );
    expect(renderedWhole(html)).toBe(false);
  });
});
