/**
 * A kept page's document with another request's nonce in place of the one it was rendered with.
 * The nonce is 16 random bytes: its text appears nowhere else in the document but where Next.js put
 * it (script and style attributes), so replacing every occurrence is exact.
 */
export function swapNonce(html: string, renderedWith: string, requestNonce: string): string {
  return html.split(renderedWith).join(requestNonce);
}

/** The nonce of a page's Content-Security-Policy (`'nonce-…'` in script-src), or null. */
export function nonceOfPolicy(policy: string | null): string | null {
  return policy?.match(/'nonce-([A-Za-z0-9+/_=-]+)'/)?.[1] ?? null;
}
