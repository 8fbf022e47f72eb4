import { hash32, type Rng } from "./prng";

/** A v4-shaped UUID from the seeded stream (instrument, chain, event and position ids look random). */
export function randomId(rng: Rng): string {
  const variant = "89ab"[rng.int(0, 3)];
  return `${rng.hex(8)}-${rng.hex(4)}-4${rng.hex(3)}-${variant}${rng.hex(3)}-${rng.hex(12)}`;
}

/**
 * Order, leg and execution ids start with the Unix time in seconds as 8 hex digits (§3.2), so
 * `6712b567-…` was created at 2024-10-18T19:22:15Z.
 */
export function timePrefixedId(rng: Rng, epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000)
    .toString(16)
    .padStart(8, "0");
  return `${seconds}${randomId(rng).slice(8)}`;
}

/**
 * An id derived from names only, for things that exist once in the whole market (chains, equity
 * instruments, option contracts) and must be the same for every simulated user and seed.
 */
export function stableId(...parts: readonly (string | number)[]): string {
  const key = parts.join("|");
  let hex = "";
  for (let round = 0; hex.length < 32; round += 1) hex += hash32(key, round).toString(16).padStart(8, "0");
  const variant = "89ab"[Number.parseInt(hex.charAt(16), 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
