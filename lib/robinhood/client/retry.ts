import type { ClientRuntime } from "./runtime";

export interface RetryPolicy {
  /** Total attempts per request, the first one included. */
  maxAttempts: number;
  /** First backoff delay for 5xx, timeouts and network errors; doubles per attempt. */
  baseDelayMs: number;
  /** Cap on one backoff delay. */
  maxDelayMs: number;
  /**
   * Longest 429 wait the client sits out. Robinhood has asked for waits of days (§5.4); anything
   * longer than this fails at once with `throttled` so a sync does not hang.
   */
  maxThrottleWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxThrottleWaitMs: 60_000,
};

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries from
 * many clients spread out while each still waits a predictable minimum.
 */
export function backoffDelayMs(
  policy: RetryPolicy,
  attempt: number,
  random: ClientRuntime["random"],
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

const THROTTLE_DETAIL = /expected available in (\d+(?:\.\d+)?) seconds?/i;

/**
 * Seconds to wait after a 429: the number in DRF's message first (always present on Robinhood),
 * then `Retry-After` as seconds or an HTTP date.
 */
export function throttleWaitSeconds(options: {
  detail: string | undefined;
  retryAfter: string | null;
  now: number;
}): number | undefined {
  const fromDetail = options.detail ? THROTTLE_DETAIL.exec(options.detail) : null;
  if (fromDetail?.[1]) return Number.parseFloat(fromDetail[1]);
  const header = options.retryAfter?.trim();
  if (!header) return undefined;
  if (/^\d+(\.\d+)?$/.test(header)) return Number.parseFloat(header);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - options.now) / 1000));
}
