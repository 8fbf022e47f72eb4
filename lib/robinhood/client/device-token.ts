/**
 * A device token as robin_stocks makes it (§1.6): 16 random bytes as lowercase hex in UUID
 * grouping, without version bits. Generate it once per Robinhood login and persist it: device
 * approval is tied to it, and a new one triggers a new verification every time.
 */
export function generateDeviceToken(
  randomBytes: (length: number) => Uint8Array = (length) =>
    globalThis.crypto.getRandomValues(new Uint8Array(length)),
): string {
  const hex = Array.from(randomBytes(16), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const DEVICE_TOKEN_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
