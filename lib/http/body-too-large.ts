import { MAX_IMPORT_BYTES } from "@/lib/imports/limits";

/**
 * The largest request body the app accepts: what next.config.js gives server actions
 * (`serverActions.bodySizeLimit`) and the proxy (`proxyClientMaxBodySize`), "21mb" in both; a unit
 * test keeps the three equal.
 */
export const MAX_REQUEST_BODY_BYTES = 21 * 1024 * 1024;

/**
 * True when a request announces a body over the limit. Next.js would cut such a body at the proxy's
 * limit or refuse it in the server action, and a form posted without JavaScript then gets a bare
 * HTTP 500: the multipart body no longer parses, and Next.js turns that error into a 500 page.
 * Browsers always send Content-Length with a form, so checking it first catches every real upload.
 */
export function isBodyTooLarge(request: Request): boolean {
  if (request.method === "GET" || request.method === "HEAD") return false;
  const length = Number(request.headers.get("content-length") ?? "0");
  return Number.isFinite(length) && length > MAX_REQUEST_BODY_BYTES;
}

/** A readable HTTP 413 page that leads back to the page the form was on. */
export function bodyTooLargeResponse(request: Request): Response {
  const back = new URL(request.url).pathname;
  const megabytes = MAX_IMPORT_BYTES / 1024 / 1024;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>File too large · Rollbook</title>
</head>
<body>
<main>
<h1>That file is too large</h1>
<p>Rollbook accepts CSV files up to ${megabytes} MB, and nothing was imported. Export a shorter date range from Robinhood and import it in parts.</p>
<p><a href="${escapeHtml(back)}">Back</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 413,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", connection: "close" },
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
