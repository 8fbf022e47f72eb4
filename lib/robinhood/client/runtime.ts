/**
 * Time and randomness the client depends on, injectable so tests can run retries and polling
 * without waiting and with fixed jitter.
 */
export interface ClientRuntime {
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Uniform in [0, 1). Only used for jitter. */
  random: () => number;
}

export function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export const defaultRuntime: ClientRuntime = {
  sleep: realSleep,
  now: () => Date.now(),
  random: () => Math.random(),
};
