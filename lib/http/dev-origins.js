// @ts-check
// The addresses `next dev` may be opened at. Plain JavaScript, read by next.config.js.
import { hostname, networkInterfaces } from "node:os";

/**
 * `allowedDevOrigins` for next.config.js. `next dev` serves its scripts, hot reloading and dev
 * endpoints only to pages opened at `localhost` unless told otherwise, so a page opened at
 * http://127.0.0.1:3000 or at the "Network:" address the terminal prints never hydrated (its
 * requests to /_next were refused with 403). These are this machine's own names and addresses: a
 * page served from any of them is this server's own page, while other sites stay refused.
 *
 * @param {{ interfaces?: ReturnType<typeof networkInterfaces>, host?: string }} [machine]
 * @returns {string[]}
 */
export function devOrigins(machine = {}) {
  const interfaces = machine.interfaces ?? networkInterfaces();
  const host = machine.host ?? hostname();
  const addresses = Object.values(interfaces)
    .flatMap((entries) => entries ?? [])
    // An Origin header names an IPv6 host in brackets, as URLs do.
    .map((entry) => (entry.family === "IPv6" ? `[${entry.address}]` : entry.address));
  return [...new Set(["127.0.0.1", "[::1]", host.toLowerCase(), ...addresses])];
}
