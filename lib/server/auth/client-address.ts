/**
 * The client address that the per-address sign-in limit counts (TRUSTED_PROXY_HOPS in lib/env.js).
 *
 * Next.js gives server actions no socket address, only request headers. Its server writes the
 * connection's address into X-Forwarded-For when a request arrives without that header, but keeps a
 * header the client sent, so the header can be trusted only as far as proxies you run rewrite it:
 *
 * - 0 hops (the default; Rollbook is reached directly): the last entry, which is the connection's
 *   address unless the client wrote the header itself. A client that does can pick the address the
 *   per-address limit counts; the per-account limit does not depend on it.
 * - N hops: each of your N proxies appends the address it received the request from, so the entry
 *   N places from the right was written by your outermost proxy about the real client; whatever the
 *   client put to the left of it is ignored. On Vercel, which replaces the header, N is 1.
 *
 * Fewer entries than hops means the request did not pass all the proxies: the leftmost entry counts.
 */
export function clientAddressFrom(forwardedFor: string | null, trustedProxyHops: number): string | null {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => normalizeAddress(entry.trim()))
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return null;
  const index = Math.max(0, entries.length - Math.max(1, trustedProxyHops));
  return entries[index] ?? null;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client; addresses are compared case-insensitively. */
function normalizeAddress(entry: string): string {
  const lower = entry.toLowerCase();
  return lower.startsWith("::ffff:") && lower.includes(".") ? lower.slice("::ffff:".length) : lower;
}
